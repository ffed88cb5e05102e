namespace Gateway.Imports;

/// <summary>Why a row was not imported.</summary>
public enum RejectionReason
{
    InvalidSsid,
    NotSsrEligible,
    AssessmentNotOffered,
    UnknownRecordType,
    TruncatedRow,
    InvalidValue,
    MissingValue,
    DuplicateSsid,
    MarkedToBeDeleted,
    UnsupportedRole,
    DuplicateSourcedId,
    GuardianNotLinked,
    StudentNotInExtract,
    StudentRejectedInExtract,
}

/// <summary>
/// A row that was not imported. The message names the column and value but never a name, phone
/// number or birth date, so it is safe to log.
/// </summary>
public sealed record RowRejection(SourceLocation Source, RejectionReason Reason, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>
/// The outcome counts for one input file. Every data row lands in exactly one of
/// <see cref="Imported"/>, <see cref="Merged"/>, <see cref="Referenced"/> and
/// <see cref="Rejected"/>, so they add up to <see cref="DataRows"/>.
/// </summary>
public sealed class FileSummary
{
    private readonly List<RowRejection> rejections = [];
    private readonly List<string> unknownColumns = [];

    internal FileSummary(string file) => File = file;

    public string File { get; }

    /// <summary>Non-blank rows after the header.</summary>
    public int DataRows { get; internal set; }

    /// <summary>Blank lines and rows of empty fields, which are not data rows.</summary>
    public int BlankLines { get; internal set; }

    /// <summary>Extract rows that became a <see cref="StudentRecord"/>.</summary>
    public int Imported { get; internal set; }

    /// <summary>Contact rows (students or guardians) joined into an imported student.</summary>
    public int Merged { get; internal set; }

    /// <summary>Rows read as lookup tables only: OneRoster orgs, roles and demographics.</summary>
    public int Referenced { get; internal set; }

    public int Rejected => rejections.Count;

    public IReadOnlyList<RowRejection> Rejections => rejections;

    /// <summary>Header names that matched no known column or variant, each listed once.</summary>
    public IReadOnlyList<string> UnknownColumns => unknownColumns;

    /// <summary>The decoding used: <c>utf-8</c> or <c>windows-1252</c>.</summary>
    public string? Encoding { get; internal set; }

    /// <summary>The field delimiter found in the header line.</summary>
    public char? Delimiter { get; internal set; }

    /// <summary>Whether the four outcome counts add up to <see cref="DataRows"/>.</summary>
    public bool IsBalanced => Imported + Merged + Referenced + Rejected == DataRows;

    internal void Reject(SourceLocation source, RejectionReason reason, string message) =>
        rejections.Add(new RowRejection(source, reason, message));

    internal void AddUnknownColumns(IEnumerable<string> names) => unknownColumns.AddRange(names);
}

/// <summary>
/// The outcome of one import across all its files. Complete once the record sequence has been
/// enumerated to its end.
/// </summary>
public sealed class ImportSummary
{
    private readonly List<FileSummary> files = [];
    private readonly Dictionary<LanguageColumn, int> languageColumns = [];

    public IReadOnlyList<FileSummary> Files => files;

    /// <summary>How many imported students took their language code from each column.</summary>
    public IReadOnlyDictionary<LanguageColumn, int> LanguageColumnCounts => languageColumns;

    /// <summary>SSIDs that appeared on more than one otherwise valid extract row.</summary>
    public int DuplicateSsids { get; internal set; }

    /// <summary>Imported students with two or more guardians who gave the same mobile number.</summary>
    public int StudentsWithSharedMobile { get; internal set; }

    public int StudentsWithoutGuardians { get; internal set; }

    /// <summary>True when enumeration reached the end of the extract and contacts were settled.</summary>
    public bool IsComplete { get; internal set; }

    public int Imported => files.Sum(file => file.Imported);

    public int Rejected => files.Sum(file => file.Rejected);

    public IEnumerable<RowRejection> Rejections => files.SelectMany(file => file.Rejections);

    /// <summary>The file summary with this name, or null.</summary>
    public FileSummary? this[string file] => files.Find(summary => summary.File == file);

    internal void Add(FileSummary file) => files.Add(file);

    internal void CountLanguage(LanguageColumn column) =>
        languageColumns[column] = languageColumns.GetValueOrDefault(column) + 1;
}

/// <summary>A file that cannot be imported at all, such as one missing required columns.</summary>
public sealed class ImportFormatException(string file, string message)
    : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
