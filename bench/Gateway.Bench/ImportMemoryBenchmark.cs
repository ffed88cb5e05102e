using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Imports;

namespace Gateway.Bench;

/// <summary>The figures of one import, measured in a child process and sent back as JSON.</summary>
internal sealed record ImportRunResult(
    int Imported,
    int Rejected,
    long FileBytes,
    double Seconds,
    MemoryPeaks Memory)
{
    /// <summary>Rows per second of wall time minus the memory sampler's pauses.</summary>
    public double RowsPerSecond(int rows) => rows / (Seconds - Memory.SamplingPauseSeconds);
}

/// <summary>
/// Measures import speed and peak memory of <see cref="StudentImport"/> on synthetic extracts of
/// several sizes. Each size is imported in its own child process so that the peaks of one size
/// do not carry over to the next.
/// </summary>
internal static class ImportMemoryBenchmark
{
    /// <summary>The hidden sub-command that imports one file and prints an <see cref="ImportRunResult"/> as JSON.</summary>
    public const string ChildCommand = "import-memory-child";

    /// <summary>Batch size of the roster upload, which the import is drained in.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Rows of the extract each child imports before measuring, enough for tiered compilation to
    /// finish the hot paths. After a 5,000-row warm-up the 100k import still ran at about half speed.
    /// </summary>
    private const int WarmUpRows = 50_000;

    public sealed record Options(IReadOnlyList<int> Rows, string HeaderPath, string? Folder, bool KeepFiles, int Seed, TimeSpan SampleInterval);

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("gateway-bench-").FullName;
        Directory.CreateDirectory(folder);
        var header = SyntheticExtract.ReadHeader(options.HeaderPath);
        Console.WriteLine($"import-memory: {header.Length} columns from {options.HeaderPath}; files in {folder}; seed {options.Seed}; memory sampled every {options.SampleInterval.TotalMilliseconds} ms");

        var warmUpPath = Path.Combine(folder, "elpac-extract-warm-up.txt");
        var results = new List<(int Rows, ImportRunResult Result)>();
        try
        {
            SyntheticExtract.Write(warmUpPath, header, WarmUpRows, options.Seed + 1);
            foreach (var rows in options.Rows)
            {
                var path = Path.Combine(folder, $"elpac-extract-{rows}.txt");
                results.Add((rows, await MeasureAsync(path, header, rows, warmUpPath, options, cancellationToken)));
                DeleteUnlessKept(path, options);
            }
        }
        finally
        {
            DeleteUnlessKept(warmUpPath, options);
            if (!options.KeepFiles && options.Folder is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Print(results);
        return 0;
    }

    /// <summary>Writes an extract of <paramref name="rows"/> rows and imports it in a child process.</summary>
    private static async Task<ImportRunResult> MeasureAsync(string path, string[] header, int rows, string warmUpPath, Options options, CancellationToken cancellationToken)
    {
        var generation = Stopwatch.StartNew();
        SyntheticExtract.Write(path, header, rows, options.Seed);
        Console.WriteLine($"Wrote {Figures.Count(rows)} rows ({Figures.MiB(new FileInfo(path).Length)}) in {Figures.Seconds(generation.Elapsed.TotalSeconds)}; importing in a child process.");

        string[] arguments =
        [
            ChildCommand, path,
            "--warm-up", warmUpPath,
            "--sample-interval-ms", ((int)options.SampleInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        var output = await ChildProcess.RunSelfAsync(arguments, cancellationToken);
        return JsonSerializer.Deserialize<ImportRunResult>(output.Trim())!;
    }

    private static void DeleteUnlessKept(string path, Options options)
    {
        if (!options.KeepFiles)
        {
            File.Delete(path);
        }
    }

    public static int RunChild(string path, string warmUpPath, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        Import(warmUpPath, cancellationToken);

        using var sampler = new MemorySampler(sampleInterval);
        sampler.Start();
        var stopwatch = Stopwatch.StartNew();

        var summary = Import(path, cancellationToken);

        stopwatch.Stop();
        var memory = sampler.Stop();
        var result = new ImportRunResult(summary.Imported, summary.Rejected, new FileInfo(path).Length, stopwatch.Elapsed.TotalSeconds, memory);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static ImportSummary Import(string path, CancellationToken cancellationToken)
    {
        var import = new StudentImport(ImportSource.FromFile(path));
        foreach (var batch in import.ReadRecords(cancellationToken).Chunk(BatchSize))
        {
            // The records are discarded: only the import itself is measured.
            GC.KeepAlive(batch);
        }

        return import.Summary;
    }

    private static void Print(List<(int Rows, ImportRunResult Result)> results)
    {
        Console.WriteLine();
        var table = new TextTable("rows", "file", "imported", "rejected", "time", "sampling pauses", "rows/s", "peak live heap", "peak GC heap size", "peak working set", "samples");
        foreach (var (rows, result) in results)
        {
            table.Add(
                Figures.Count(rows),
                Figures.MiB(result.FileBytes),
                Figures.Count(result.Imported),
                Figures.Count(result.Rejected),
                Figures.Seconds(result.Seconds),
                Figures.Seconds(result.Memory.SamplingPauseSeconds),
                Figures.Rate(result.RowsPerSecond(rows)),
                Figures.MiB(result.Memory.PeakLiveBytes),
                Figures.MiB(result.Memory.PeakHeapSizeBytes),
                Figures.MiB(result.Memory.PeakWorkingSetBytes),
                Figures.Count(result.Memory.Samples));
        }

        table.Write(Console.Out);
        if (results.Count < 2)
        {
            return;
        }

        var (smallRows, small) = results[0];
        var (largeRows, large) = results[^1];
        var extraRows = (double)(largeRows - smallRows);
        Console.WriteLine();
        Console.WriteLine($"Ratios {Figures.Count(largeRows)} / {Figures.Count(smallRows)} rows (1.00x means memory does not grow with the file):");
        var ratios = new TextTable("figure", "ratio", "growth per extra row");
        ratios.Add("rows/s", Figures.Ratio(large.RowsPerSecond(largeRows) / small.RowsPerSecond(smallRows)), "");
        AddMemoryRatio(ratios, "peak live heap", small.Memory.PeakLiveBytes, large.Memory.PeakLiveBytes, extraRows);
        AddMemoryRatio(ratios, "peak GC heap size", small.Memory.PeakHeapSizeBytes, large.Memory.PeakHeapSizeBytes, extraRows);
        AddMemoryRatio(ratios, "peak working set", small.Memory.PeakWorkingSetBytes, large.Memory.PeakWorkingSetBytes, extraRows);
        ratios.Write(Console.Out);
    }

    private static void AddMemoryRatio(TextTable table, string figure, long small, long large, double extraRows) =>
        table.Add(figure, Figures.Ratio((double)large / small), Figures.Bytes((large - small) / extraRows));
}
