using Gateway.Domain.Tenancy;

namespace Gateway.Domain.Roster;

/// <summary>
/// Validates submitted student records for one LEA. Ids and codes are trimmed. Names are kept
/// exactly as submitted (any Unicode script, accents, apostrophes, hyphens), but they must not be
/// blank or contain control characters. Field paths name the record by its index in the whole upload,
/// for example <c>students[12].guardians[0].mobile_phone</c>.
/// </summary>
public sealed class StudentValidator
{
    private readonly CdsCode _lea;
    private readonly LanguageCodes _languages;

    public StudentValidator(CdsCode lea, LanguageCodes languages)
    {
        _lea = lea;
        _languages = languages;
    }

    /// <summary>
    /// Validates one record. Returns the valid student, or null with every violation found added
    /// to <paramref name="violations"/>.
    /// </summary>
    public ValidStudent? Validate(StudentInput input, int recordIndex, List<FieldViolation> violations)
    {
        var prefix = $"students[{recordIndex}]";
        var before = violations.Count;

        if (!Ssid.TryNormalize(input.Ssid, out var ssid))
        {
            violations.Add(new($"{prefix}.ssid", "SSID must be exactly 10 digits"));
        }

        var localId = CheckText(input.LocalStudentId, prefix, "local_student_id", RosterLimits.MaxLocalStudentIdLength, required: false, trim: true, violations);
        var first = CheckText(input.FirstName, prefix, "first_name", RosterLimits.MaxNameLength, required: true, trim: false, violations);
        var middle = CheckText(input.MiddleName, prefix, "middle_name", RosterLimits.MaxNameLength, required: false, trim: false, violations);
        var last = CheckText(input.LastName, prefix, "last_name", RosterLimits.MaxNameLength, required: true, trim: false, violations);

        if (!Grades.TryNormalize(input.Grade, out var grade))
        {
            violations.Add(new($"{prefix}.grade", "grade must be TK, KN or 01 to 12"));
        }

        var school = CheckSchool(input.SchoolCdsCode, prefix, violations);

        if (!_languages.TryResolve(input.PrimaryLanguageCode, out var languageCode, out var videoLanguage, out var languageError))
        {
            violations.Add(new($"{prefix}.primary_language_code", languageError));
        }

        if (input.Guardians.Count > RosterLimits.MaxGuardians)
        {
            violations.Add(new($"{prefix}.guardians", $"a student may have at most {RosterLimits.MaxGuardians} guardians, not {input.Guardians.Count}"));
        }

        var guardians = new List<ValidGuardian>(input.Guardians.Count);
        for (var i = 0; i < input.Guardians.Count && i < RosterLimits.MaxGuardians; i++)
        {
            var guardian = ValidateGuardian(input.Guardians[i], $"{prefix}.guardians[{i}]", violations);
            if (guardian is not null)
            {
                guardians.Add(guardian);
            }
        }

        if (violations.Count > before)
        {
            return null;
        }

        return new ValidStudent(ssid!, localId!, first!, middle!, last!, grade!, school!, languageCode!, videoLanguage, guardians);
    }

    private string? CheckSchool(string? text, string prefix, List<FieldViolation> violations)
    {
        if (!CdsCode.TryParse(text, out var school))
        {
            violations.Add(new($"{prefix}.school_cds_code", "school CDS code must be exactly 14 digits"));
            return null;
        }

        if (!_lea.OwnsSchool(school))
        {
            violations.Add(new($"{prefix}.school_cds_code", $"school {school} does not belong to LEA {_lea}"));
            return null;
        }

        return school.Value;
    }

    private static ValidGuardian? ValidateGuardian(GuardianInput input, string prefix, List<FieldViolation> violations)
    {
        var before = violations.Count;
        var name = CheckText(input.Name, prefix, "name", RosterLimits.MaxNameLength, required: false, trim: false, violations);
        var relationship = CheckText(input.Relationship, prefix, "relationship", RosterLimits.MaxRelationshipLength, required: false, trim: true, violations);
        var phoneText = CheckText(input.MobilePhone, prefix, "mobile_phone", RosterLimits.MaxMobilePhoneLength, required: false, trim: true, violations);
        var portal = CheckText(input.PortalAccountId, prefix, "portal_account_id", RosterLimits.MaxPortalAccountIdLength, required: false, trim: true, violations);

        if (!LanguageCodes.TryNormalize(input.PreferredLanguage, out var preferred, out var languageError))
        {
            violations.Add(new($"{prefix}.preferred_language", languageError));
        }

        if (!Enum.IsDefined(input.TextingConsent))
        {
            violations.Add(new($"{prefix}.texting_consent", $"texting consent {(int)input.TextingConsent} is not a known value"));
        }

        if (violations.Count > before)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(name) && phoneText!.Length == 0 && portal!.Length == 0)
        {
            violations.Add(new(prefix, "guardian needs at least a name, a mobile phone or a portal account id"));
            return null;
        }

        return new ValidGuardian(name!, relationship!, MobilePhone.Parse(phoneText), input.TextingConsent, preferred!, portal!);
    }

    // Returns the value (trimmed when asked) or null after adding a violation.
    // The field path is built only for a violation, because most records have none.
    private static string? CheckText(string? text, string prefix, string name, int maxLength, bool required, bool trim, List<FieldViolation> violations)
    {
        var value = text ?? "";
        if (trim)
        {
            value = value.Trim();
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new($"{prefix}.{name}", "value is required and must not be blank"));
            return null;
        }

        if (value.Length > maxLength)
        {
            violations.Add(new($"{prefix}.{name}", $"value has {value.Length} characters; the maximum is {maxLength}"));
            return null;
        }

        if (value.Any(IsForbiddenCharacter))
        {
            violations.Add(new($"{prefix}.{name}", "value contains a control character"));
            return null;
        }

        return value;
    }

    // Control characters (C0, DEL, C1) and the Unicode line and paragraph separators, which
    // would break a name across lines in a portal or a CSV export.
    private static bool IsForbiddenCharacter(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
