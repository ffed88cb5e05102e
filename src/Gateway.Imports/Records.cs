using Gateway.Domain.Tenancy;

namespace Gateway.Imports;

/// <summary>
/// One student ready to upload: the eligible extract row merged with every guardian that a
/// contacts source linked to the student.
/// </summary>
public sealed record StudentRecord
{
    /// <summary>The 10-digit Statewide Student Identifier.</summary>
    public required string Ssid { get; init; }

    /// <summary>The district's own student id, or null when the extract left it blank.</summary>
    public string? LocalStudentId { get; init; }

    public required string FirstName { get; init; }

    public string? MiddleName { get; init; }

    public required string LastName { get; init; }

    /// <summary>Grade as <c>TK</c>, <c>KN</c> or <c>01</c> to <c>12</c>.</summary>
    public required string Grade { get; init; }

    /// <summary>The district's CDS code (school part <c>0000000</c>).</summary>
    public required CdsCode DistrictCode { get; init; }

    public required CdsCode SchoolCode { get; init; }

    public string? SchoolName { get; init; }

    /// <summary>The raw language code passed on to the server, and the column it came from.</summary>
    public required LanguageChoice PrimaryLanguage { get; init; }

    public required ElpacAssessment Assessment { get; init; }

    /// <summary>The extract's <c>RecordType</c> value as written, trimmed.</summary>
    public required string RecordType { get; init; }

    /// <summary>The date the score report becomes available, or null when the extract left it blank.</summary>
    public DateOnly? SsrAvailableDate { get; init; }

    public string? TestedStatus { get; init; }

    public string? ElStatus { get; init; }

    /// <summary>Guardians from the contacts source, in file order; empty when none matched.</summary>
    public IReadOnlyList<GuardianContact> Guardians { get; init; } = [];

    /// <summary>Where the student came from in the extract.</summary>
    public required SourceLocation Source { get; init; }
}

/// <summary>A guardian who may receive the video link.</summary>
public sealed record GuardianContact
{
    public string? Name { get; init; }

    /// <summary>Relationship as the source wrote it, for example <c>Mother</c> or <c>guardian</c>.</summary>
    public string? Relationship { get; init; }

    /// <summary>The mobile number as written, outer whitespace trimmed. The server validates it.</summary>
    public string? MobilePhone { get; init; }

    public TextingConsent TextingConsent { get; init; } = TextingConsent.Unknown;

    /// <summary>The preferred language code as written, or null.</summary>
    public string? PreferredLanguage { get; init; }

    public string? PortalAccountId { get; init; }

    public required SourceLocation Source { get; init; }
}

public enum TextingConsent
{
    Unknown,
    Yes,
    No,
}

/// <summary>The assessment an extract row reports, mapped from its <c>RecordType</c>.</summary>
public enum ElpacAssessment
{
    SummativeElpac,
    InitialElpac,
    SummativeAlternateElpac,
    InitialAlternateElpac,
}

/// <summary>The extract column that supplied a student's language code.</summary>
public enum LanguageColumn
{
    /// <summary>No language column had a value.</summary>
    None,
    CalpadsPrimaryLanguage,
    PrimaryLanguageForTesting,
    CedsLanguageCode,
}

/// <summary>A raw language code and the column that decided it.</summary>
/// <param name="Code">Upper-case code as written (two-digit legacy or three-letter), or null.</param>
public readonly record struct LanguageChoice(string? Code, LanguageColumn Column);

/// <summary>A file name and 1-based line number.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
