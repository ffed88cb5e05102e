namespace Gateway.Imports;

/// <summary>
/// Guardians from a contacts source (plain contacts CSV or OneRoster), held in memory keyed by
/// SSID and by local student id so that the streamed extract can be joined against them.
/// A book serves one import: joining marks its rows as merged.
/// </summary>
public sealed class ContactBook
{
    private readonly Dictionary<string, ContactStudent> bySsid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContactStudent> byLocalId = new(StringComparer.Ordinal);
    private readonly List<ContactRow> rows = [];
    private readonly List<FileSummary> files = [];

    internal ContactBook()
    {
    }

    /// <summary>The contact files read, with their outcomes once the import has run.</summary>
    public IReadOnlyList<FileSummary> Files => files;

    /// <summary>Students with at least one contact row.</summary>
    public int StudentCount => bySsid.Count + byLocalId.Count;

    internal void AddFile(FileSummary file) => files.Add(file);

    /// <summary>Returns the entry for a key, creating it. Pass exactly one of the two keys.</summary>
    internal ContactStudent GetOrAdd(string? ssid, string? localId)
    {
        var (index, key) = ssid is not null ? (bySsid, ssid) : (byLocalId, localId!);
        if (!index.TryGetValue(key, out var student))
        {
            student = new ContactStudent();
            index[key] = student;
        }

        return student;
    }

    internal ContactRow AddRow(FileSummary file, SourceLocation source)
    {
        var row = new ContactRow(file, source);
        rows.Add(row);
        return row;
    }

    /// <summary>
    /// Marks the student's contact rows as merged and returns its guardians, looking the student
    /// up by SSID and by local id. Returns an empty list when neither key is in the book.
    /// </summary>
    internal IReadOnlyList<GuardianContact> Join(string ssid, string? localId)
    {
        var guardians = new List<GuardianContact>();
        foreach (var student in Find(ssid, localId))
        {
            if (student.Joined)
            {
                continue;
            }

            student.Joined = true;
            foreach (var row in student.Rows)
            {
                row.Merge();
            }

            guardians.AddRange(student.Guardians);
        }

        return guardians;
    }

    /// <summary>
    /// Records that the student's extract row was rejected. Its contact rows are rejected with
    /// this message when the import settles, unless another student merges them first.
    /// </summary>
    internal void NoteExtractRejection(string? ssid, string? localId, string message)
    {
        foreach (var student in Find(ssid, localId))
        {
            foreach (var row in student.Rows)
            {
                row.PendingRejection ??= message;
            }
        }
    }

    /// <summary>Rejects every contact row that no imported student merged.</summary>
    internal void Settle()
    {
        foreach (var row in rows)
        {
            row.Settle();
        }
    }

    private IEnumerable<ContactStudent> Find(string? ssid, string? localId)
    {
        if (ssid is not null && bySsid.TryGetValue(ssid, out var bySsidMatch))
        {
            yield return bySsidMatch;
        }

        if (localId is not null && byLocalId.TryGetValue(localId, out var byLocalMatch))
        {
            yield return byLocalMatch;
        }
    }
}

/// <summary>One student's contact rows and guardians.</summary>
internal sealed class ContactStudent
{
    public List<ContactRow> Rows { get; } = [];

    public List<GuardianContact> Guardians { get; } = [];

    public bool Joined { get; set; }

    public void Add(GuardianContact guardian, ContactRow row)
    {
        Guardians.Add(guardian);
        if (!Rows.Contains(row))
        {
            Rows.Add(row);
        }
    }
}

/// <summary>
/// A contact row whose outcome waits for the extract: merged when a student takes it, rejected
/// at the end otherwise. A guardian row shared by siblings counts once.
/// </summary>
internal sealed class ContactRow(FileSummary file, SourceLocation source)
{
    private bool settled;

    public string? PendingRejection { get; set; }

    public void Merge()
    {
        if (settled)
        {
            return;
        }

        settled = true;
        file.Merged++;
    }

    public void Settle()
    {
        if (settled)
        {
            return;
        }

        settled = true;
        if (PendingRejection is not null)
        {
            file.Reject(source, RejectionReason.StudentRejectedInExtract, PendingRejection);
        }
        else
        {
            file.Reject(source, RejectionReason.StudentNotInExtract, "no eligible extract row has this student's SSID or local id.");
        }
    }
}
