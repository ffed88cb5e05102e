using nietras.SeparatedValues;

namespace Gateway.Imports;

/// <summary>Settings for reading a plain contacts CSV.</summary>
public sealed record ContactsCsvOptions
{
    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Detect;
}

/// <summary>
/// Reads the plain contacts CSV described in README.md: one row per guardian, several rows per
/// student allowed, students keyed by SSID or local student id.
/// </summary>
public static class ContactsCsvReader
{
    internal const string Ssid = "ssid";
    internal const string LocalStudentId = "local_student_id";
    internal const string GuardianName = "guardian_name";
    internal const string Relationship = "relationship";
    internal const string MobilePhone = "mobile_phone";
    internal const string TextingConsent = "texting_consent";
    internal const string PreferredLanguage = "preferred_language";
    internal const string PortalAccountId = "portal_account_id";

    private static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        [Ssid] = ["state_student_id", "statewide_student_id"],
        [LocalStudentId] = ["local_id", "student_id", "localstudentid"],
        [GuardianName] = ["guardian", "contact_name", "parent_name"],
        [Relationship] = ["relation", "relationship_to_student"],
        [MobilePhone] = ["mobile", "cell_phone", "cell", "mobile_number", "sms"],
        [TextingConsent] = ["sms_consent", "text_consent", "consent_to_text"],
        [PreferredLanguage] = ["language", "guardian_language"],
        [PortalAccountId] = ["portal_id", "parent_portal_id", "portal_account"],
    };

    /// <summary>
    /// Reads the whole file into a new contact book. Throws <see cref="ImportFormatException"/>
    /// when the header has neither an SSID nor a local student id column.
    /// </summary>
    public static ContactBook Read(ImportSource source, ContactsCsvOptions? options = null)
    {
        options ??= new ContactsCsvOptions();
        var book = new ContactBook();
        var encoding = TextDecoding.Resolve(source, options.Encoding);
        var delimiter = TextDecoding.DetectDelimiter(source, encoding, fallback: ',');
        var summary = new FileSummary(source.Name) { Encoding = TextDecoding.DisplayName(encoding), Delimiter = delimiter };
        book.AddFile(summary);

        using var file = DelimitedFile.Open(source, encoding, delimiter);
        var header = new HeaderMap(file.Header, Columns);
        summary.AddUnknownColumns(header.UnknownColumns);
        if (!header.Contains(Ssid) && !header.Contains(LocalStudentId))
        {
            throw new ImportFormatException(source.Name, $"the header has neither '{Ssid}' nor '{LocalStudentId}': one of them identifies the student.");
        }

        while (file.MoveNext())
        {
            ReadRow(file.Current, header, book, summary);
        }

        return book;
    }

    private static void ReadRow(SepReader.Row row, HeaderMap header, ContactBook book, FileSummary summary)
    {
        if (DelimitedFile.IsBlank(row))
        {
            summary.BlankLines++;
            return;
        }

        summary.DataRows++;
        var source = new SourceLocation(summary.File, row.LineNumberFrom);
        var ssid = DelimitedFile.OptionalField(row, header.IndexOf(Ssid));
        var localId = DelimitedFile.OptionalField(row, header.IndexOf(LocalStudentId));
        if (ssid is null && localId is null)
        {
            summary.Reject(source, RejectionReason.MissingValue, $"both '{Ssid}' and '{LocalStudentId}' are blank.");
            return;
        }

        if (ssid is not null && !ElpacRowParser.IsSsid(ssid))
        {
            summary.Reject(source, RejectionReason.InvalidSsid, $"{Ssid} '{ssid}' is invalid: expected exactly 10 digits.");
            return;
        }

        var consentText = DelimitedFile.Field(row, header.IndexOf(TextingConsent));
        var consent = ParseConsent(consentText);
        if (consent is null)
        {
            summary.Reject(source, RejectionReason.InvalidValue, $"{TextingConsent} '{consentText}' is invalid: expected yes, no or blank.");
            return;
        }

        var guardian = new GuardianContact
        {
            Name = DelimitedFile.OptionalField(row, header.IndexOf(GuardianName)),
            Relationship = DelimitedFile.OptionalField(row, header.IndexOf(Relationship)),
            MobilePhone = DelimitedFile.OptionalField(row, header.IndexOf(MobilePhone)),
            TextingConsent = consent.Value,
            PreferredLanguage = ElpacRowParser.NormalizeLanguageCode(DelimitedFile.Field(row, header.IndexOf(PreferredLanguage))),
            PortalAccountId = DelimitedFile.OptionalField(row, header.IndexOf(PortalAccountId)),
            Source = source,
        };
        if (guardian.Name is null && guardian.MobilePhone is null && guardian.PortalAccountId is null)
        {
            summary.Reject(source, RejectionReason.MissingValue, $"the row has no {GuardianName}, {MobilePhone} or {PortalAccountId}.");
            return;
        }

        // A row with both ids is keyed by SSID; the join also looks up the local id.
        var student = ssid is not null ? book.GetOrAdd(ssid, null) : book.GetOrAdd(null, localId);
        student.Add(guardian, book.AddRow(summary, source));
    }

    /// <summary>Returns the consent for yes/no words, Unknown for blank or "unknown", and null for anything else.</summary>
    internal static TextingConsent? ParseConsent(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "unknown" or "u" => Imports.TextingConsent.Unknown,
        "yes" or "y" or "true" or "1" => Imports.TextingConsent.Yes,
        "no" or "n" or "false" or "0" => Imports.TextingConsent.No,
        _ => null,
    };
}
