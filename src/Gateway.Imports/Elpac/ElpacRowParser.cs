using System.Globalization;
using Gateway.Domain.Tenancy;
using nietras.SeparatedValues;

namespace Gateway.Imports;

/// <summary>One extract row after validation: a student without guardians, or a rejection.</summary>
internal sealed record ExtractRow(SourceLocation Source, string? Ssid, string? LocalStudentId)
{
    public StudentRecord? Student { get; init; }

    public RejectionReason Reason { get; init; }

    public string? Message { get; init; }
}

/// <summary>Validates extract rows against the rules for video score reports.</summary>
internal sealed class ElpacRowParser(ElpacColumns columns, ElpacExtractOptions options, string file)
{
    private const string EndOfRecordMarker = "ZZ";
    private const int SsidLength = 10;

    private static readonly (string Column, LanguageColumn Source)[] LanguageOrder =
    [
        (ElpacColumns.CalpadsLanguage, LanguageColumn.CalpadsPrimaryLanguage),
        (ElpacColumns.TestingLanguage, LanguageColumn.PrimaryLanguageForTesting),
        (ElpacColumns.CedsLanguage, LanguageColumn.CedsLanguageCode),
    ];

    /// <summary>Codes that mean the language is unknown, so a later column may decide instead.</summary>
    private static readonly HashSet<string> UnknownLanguageCodes = new(StringComparer.Ordinal) { "UU", "UNK" };

    public ExtractRow Parse(SepReader.Row row)
    {
        var source = new SourceLocation(file, row.LineNumberFrom);
        var ssid = DelimitedFile.Field(row, columns[ElpacColumns.Ssid]);
        var localId = DelimitedFile.OptionalField(row, columns[ElpacColumns.LocalStudentId]);
        var result = new ExtractRow(source, IsSsid(ssid) ? ssid : null, localId);

        ExtractRow Reject(RejectionReason reason, string message) => result with { Reason = reason, Message = message };

        var endIndex = columns[ElpacColumns.EndOfRecord];
        if (endIndex >= 0)
        {
            var marker = DelimitedFile.Field(row, endIndex);
            if (marker != EndOfRecordMarker)
            {
                return Reject(
                    RejectionReason.TruncatedRow,
                    $"EndofRecord is '{marker}', expected '{EndOfRecordMarker}': the row is truncated or its fields are shifted " +
                    $"({row.ColCount} fields, header has {columns.Header.Names.Count}).");
            }
        }

        var recordType = DelimitedFile.Field(row, columns[ElpacColumns.RecordType]);
        if (!options.RecordTypes.TryGetValue(recordType, out var assessment))
        {
            return Reject(
                RejectionReason.UnknownRecordType,
                $"RecordType '{recordType}' is not mapped to an assessment; add it to ElpacExtractOptions.RecordTypes.");
        }

        if (!options.VideoAssessments.Contains(assessment))
        {
            return Reject(
                RejectionReason.AssessmentNotOffered,
                $"not eligible: RecordType '{recordType}' is {assessment}, for which video score reports are not offered.");
        }

        if (!IsSsid(ssid))
        {
            return Reject(RejectionReason.InvalidSsid, $"SSID '{ssid}' is invalid: expected exactly {SsidLength} digits.");
        }

        var eligibleIndex = columns[ElpacColumns.SsrEligible];
        if (eligibleIndex >= 0)
        {
            var eligible = DelimitedFile.Field(row, eligibleIndex).ToUpperInvariant();
            if (eligible == "N")
            {
                return Reject(RejectionReason.NotSsrEligible, "not eligible: SSREligible is 'N'.");
            }

            if (eligible != "Y")
            {
                return Reject(RejectionReason.InvalidValue, $"SSREligible '{eligible}' is invalid: expected Y or N.");
            }
        }

        var firstName = DelimitedFile.Field(row, columns[ElpacColumns.FirstName]);
        var lastName = DelimitedFile.Field(row, columns[ElpacColumns.LastName]);
        if (firstName.Length == 0 || lastName.Length == 0)
        {
            var blank = firstName.Length == 0 ? ElpacColumns.FirstName : ElpacColumns.LastName;
            return Reject(RejectionReason.MissingValue, $"{blank} is blank.");
        }

        var gradeText = DelimitedFile.Field(row, columns[ElpacColumns.Grade]);
        var grade = NormalizeGrade(gradeText);
        if (grade is null)
        {
            return Reject(RejectionReason.InvalidValue, $"GradeAssessed '{gradeText}' is invalid: expected TK, KN or 01 to 12.");
        }

        var schoolText = DelimitedFile.Field(row, columns[ElpacColumns.SchoolCode]);
        if (!CdsCode.TryParse(schoolText, out var school))
        {
            return Reject(RejectionReason.InvalidValue, $"CALPADSSchoolCode '{schoolText}' is invalid: expected a 14-digit CDS code.");
        }

        var districtText = DelimitedFile.Field(row, columns[ElpacColumns.DistrictCode]);
        CdsCode district;
        if (districtText.Length == 0)
        {
            district = CdsCode.Parse(school.CountyDistrict + "0000000");
        }
        else if (!CdsCode.TryParse(districtText, out district))
        {
            return Reject(RejectionReason.InvalidValue, $"CALPADSDistrictCode '{districtText}' is invalid: expected a 14-digit CDS code.");
        }

        var dateText = DelimitedFile.Field(row, columns[ElpacColumns.SsrAvailableDate]);
        DateOnly? availableDate = null;
        if (dateText.Length > 0)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Reject(RejectionReason.InvalidValue, $"SSRAvailableDate '{dateText}' is invalid: expected yyyy-mm-dd.");
            }

            availableDate = date;
        }

        return result with
        {
            Student = new StudentRecord
            {
                Ssid = ssid,
                LocalStudentId = localId,
                FirstName = firstName,
                MiddleName = DelimitedFile.OptionalField(row, columns[ElpacColumns.MiddleName]),
                LastName = lastName,
                Grade = grade,
                DistrictCode = district,
                SchoolCode = school,
                SchoolName = DelimitedFile.OptionalField(row, columns[ElpacColumns.SchoolName]),
                PrimaryLanguage = ChooseLanguage(row),
                Assessment = assessment,
                RecordType = recordType,
                SsrAvailableDate = availableDate,
                TestedStatus = DelimitedFile.OptionalField(row, columns[ElpacColumns.TestedStatus]),
                ElStatus = DelimitedFile.OptionalField(row, columns[ElpacColumns.ElStatus]),
                Source = source,
            },
        };
    }

    public static bool IsSsid(string value) => value.Length == SsidLength && value.All(char.IsAsciiDigit);

    /// <summary>
    /// Returns TK, KN or a two-digit grade. Accepts <c>K</c>, <c>KG</c>, <c>0</c> and <c>00</c> for
    /// kindergarten and a single digit for grades 1 to 9, which spreadsheet programs produce by
    /// dropping the leading zero.
    /// </summary>
    public static string? NormalizeGrade(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        switch (upper)
        {
            case "TK":
                return "TK";
            case "KN" or "K" or "KG" or "00" or "0":
                return "KN";
        }

        if (upper.Length is 1 or 2 && upper.All(char.IsAsciiDigit))
        {
            var number = int.Parse(upper, CultureInfo.InvariantCulture);
            if (number is >= 1 and <= 12)
            {
                return number.ToString("00", CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>
    /// Chooses the code from the columns in the order CALPADSPrimaryLanguage,
    /// PrimaryLanguageforTesting, CEDSLanguageCode. The first value that is present and not an
    /// unknown code (UU, UNK) decides. When every present value is unknown, the first is kept.
    /// </summary>
    private LanguageChoice ChooseLanguage(SepReader.Row row)
    {
        LanguageChoice? unknown = null;
        foreach (var (column, sourceColumn) in LanguageOrder)
        {
            var code = NormalizeLanguageCode(DelimitedFile.Field(row, columns[column]));
            if (code is null)
            {
                continue;
            }

            if (!UnknownLanguageCodes.Contains(code))
            {
                return new LanguageChoice(code, sourceColumn);
            }

            unknown ??= new LanguageChoice(code, sourceColumn);
        }

        return unknown ?? new LanguageChoice(null, LanguageColumn.None);
    }

    /// <summary>Upper-cases the code and restores the leading zero of a one-digit legacy code.</summary>
    public static string? NormalizeLanguageCode(string text)
    {
        var code = text.Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            return null;
        }

        return code.Length == 1 && char.IsAsciiDigit(code[0]) ? "0" + code : code;
    }
}
