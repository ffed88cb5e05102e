namespace Gateway.Imports;

/// <summary>
/// Collects the SSID and line number of every valid extract row and finds the SSIDs that occur
/// on more than one row, in 8 bytes per row.
/// </summary>
/// <remarks>
/// Each row is packed into one unsigned 64-bit value: the SSID in the high 34 bits (10 decimal
/// digits are below 2^34) and the line number in the low 30 bits. Sorting the values therefore
/// orders the rows by SSID, then by line. The values are unsigned because the largest SSIDs set the top bit.
/// They are stored in runs of at most 65,536 values (512 KiB), each sorted when it is full, so no
/// array is copied or left half empty while the rows are collected.
/// <see cref="FindDuplicates"/> merges the sorted runs and compares neighbours.
/// </remarks>
internal sealed class DuplicateSsidFinder
{
    /// <summary>The largest line number that fits in the 30 bits of a packed value.</summary>
    public const int MaxLine = (1 << LineBits) - 1;

    private const int LineBits = 30;
    private const ulong LineMask = MaxLine;
    private const long MaxSsid = 9_999_999_999;
    private const int FirstRunLength = 4_096;
    private const int MaxRunLength = 65_536;

    private readonly string file;
    private readonly List<ulong[]> runs = [];
    private ulong[] current = new ulong[FirstRunLength];
    private int currentCount;

    /// <param name="file">The extract's name, for the error raised when a line number does not fit.</param>
    public DuplicateSsidFinder(string file)
    {
        this.file = file;
    }

    /// <summary>
    /// Adds one valid row. Throws <see cref="ImportFormatException"/> when
    /// <paramref name="line"/> is above <see cref="MaxLine"/>.
    /// </summary>
    public void Add(long ssid, int line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ssid);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ssid, MaxSsid);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        if (line > MaxLine)
        {
            throw new ImportFormatException(
                file,
                $"line {line} is past the limit of {MaxLine:N0} lines that the duplicate-SSID check supports; split the extract into smaller files.");
        }

        if (currentCount == current.Length)
        {
            SortCurrentRun();
            current = new ulong[Math.Min(current.Length * 2, MaxRunLength)];
        }

        current[currentCount++] = ((ulong)ssid << LineBits) | (uint)line;
    }

    /// <summary>
    /// Returns each SSID added on two or more lines, with those line numbers in ascending order.
    /// Call it once, after the last <see cref="Add"/>.
    /// </summary>
    public Dictionary<long, List<int>> FindDuplicates()
    {
        SortCurrentRun();
        current = [];

        // A k-way merge: the queue contains the next unread value of each run.
        var positions = new int[runs.Count];
        var queue = new PriorityQueue<int, ulong>(runs.Count);
        for (var run = 0; run < runs.Count; run++)
        {
            queue.Enqueue(run, runs[run][0]);
        }

        var duplicates = new Dictionary<long, List<int>>();
        var hasPrevious = false;
        var previous = 0UL;
        while (queue.TryDequeue(out var run, out var packed))
        {
            var next = ++positions[run];
            if (next < runs[run].Length)
            {
                queue.Enqueue(run, runs[run][next]);
            }

            var ssid = (long)(packed >> LineBits);
            if (hasPrevious && (long)(previous >> LineBits) == ssid)
            {
                if (!duplicates.TryGetValue(ssid, out var lines))
                {
                    lines = [(int)(previous & LineMask)];
                    duplicates[ssid] = lines;
                }

                lines.Add((int)(packed & LineMask));
            }

            hasPrevious = true;
            previous = packed;
        }

        return duplicates;
    }

    private void SortCurrentRun()
    {
        if (currentCount == 0)
        {
            return;
        }

        // The last run is usually partly filled, so it is trimmed to its count (at most 512 KiB).
        var run = currentCount == current.Length ? current : current[..currentCount];
        Array.Sort(run);
        runs.Add(run);
        currentCount = 0;
    }
}
