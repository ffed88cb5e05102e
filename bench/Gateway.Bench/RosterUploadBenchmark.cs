using Gateway.Domain.Tenancy;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Net.Client;
using SsrGateway.V1;

namespace Gateway.Bench;

/// <summary>The figures of one measured step of a roster child process.</summary>
/// <param name="Step">What was measured, for example <c>FULL upload</c>.</param>
/// <param name="Accepted">Students stored as new or changed.</param>
/// <param name="Unchanged">Students identical to the stored ones.</param>
internal sealed record RosterStepResult(string Step, int Students, double Seconds, int Accepted, int Unchanged, MemoryPeaks Memory)
{
    /// <summary>Records per second of wall time minus the memory sampler's pauses.</summary>
    public double RecordsPerSecond => Students / (Seconds - Memory.SamplingPauseSeconds);
}

/// <summary>
/// Measures roster uploads through the real host. A client-streamed UploadRoster runs in FULL mode
/// for two roster sizes, then the larger roster is uploaded again in DELTA mode with every student
/// unchanged. The baseline is a plain EF Core insert of the smaller roster. Each scenario runs in
/// its own child process.
/// </summary>
internal static class RosterUploadBenchmark
{
    /// <summary>The hidden sub-command that runs one scenario and prints its steps as JSON.</summary>
    public const string ChildCommand = "roster-upload-child";

    /// <summary>Students uploaded before measuring, into another administration, so JIT compilation is not measured.</summary>
    private const int WarmUpStudents = 1_000;

    public enum Scenario
    {
        /// <summary>FULL upload of the roster.</summary>
        Full,

        /// <summary>FULL upload, then a DELTA upload of the same roster.</summary>
        FullThenDelta,

        /// <summary>Plain EF Core AddRange and SaveChanges into a scratch SQLite file.</summary>
        EfCoreBaseline,
    }

    /// <param name="ExtraRosters">Further FULL upload sizes, each in its own child, to check where memory levels off.</param>
    public sealed record Options(int SmallRoster, int LargeRoster, IReadOnlyList<int> ExtraRosters, int BatchSize, TimeSpan SampleInterval);

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"roster-upload: {Figures.Count(options.SmallRoster)} and {Figures.Count(options.LargeRoster)} students, one guardian each, batches of {options.BatchSize}; memory sampled every {options.SampleInterval.TotalMilliseconds} ms");

        var baseline = await RunChildAsync(Scenario.EfCoreBaseline, options.SmallRoster, options, cancellationToken);
        var small = await RunChildAsync(Scenario.Full, options.SmallRoster, options, cancellationToken);
        var large = await RunChildAsync(Scenario.FullThenDelta, options.LargeRoster, options, cancellationToken);
        var extras = new List<RosterStepResult>();
        foreach (var students in options.ExtraRosters)
        {
            extras.Add((await RunChildAsync(Scenario.Full, students, options, cancellationToken))[0]);
        }

        Print(baseline[0], small[0], large[0], large[1], extras);
        return 0;
    }

    public static async Task<int> RunChildAsync(Scenario scenario, int students, int batchSize, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        var steps = scenario == Scenario.EfCoreBaseline
            ? [await EfCoreBaseline.InsertAsync(students, sampleInterval, cancellationToken)]
            : await RunUploadsAsync(scenario, students, batchSize, sampleInterval, cancellationToken);

        Console.WriteLine(JsonSerializer.Serialize(steps));
        return 0;
    }

    private static async Task<RosterStepResult[]> RunUploadsAsync(Scenario scenario, int students, int batchSize, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        await using var gateway = await InProcessGateway.StartAsync(cancellationToken);
        using var channel = await gateway.CreateLeaChannelAsync(SyntheticRoster.LeaCode, [Domain.Tenancy.GatewayScopes.RosterWrite], cancellationToken);
        var client = new RosterService.RosterServiceClient(channel);

        var warmUp = new Administration { SchoolYear = SyntheticRoster.SchoolYear, Assessment = Assessment.InitialElpac };
        await UploadAsync(client, warmUp, UploadMode.Full, WarmUpStudents, batchSize, cancellationToken);

        var steps = new List<RosterStepResult>
        {
            await MeasureUploadAsync(client, UploadMode.Full, students, batchSize, sampleInterval, cancellationToken),
        };
        if (scenario == Scenario.FullThenDelta)
        {
            steps.Add(await MeasureUploadAsync(client, UploadMode.Delta, students, batchSize, sampleInterval, cancellationToken));
        }

        return [.. steps];
    }

    private static async Task<RosterStepResult> MeasureUploadAsync(
        RosterService.RosterServiceClient client, UploadMode mode, int students, int batchSize, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        using var sampler = new MemorySampler(sampleInterval);
        sampler.Start();
        var stopwatch = Stopwatch.StartNew();

        var upload = await UploadAsync(client, SyntheticRoster.Administration, mode, students, batchSize, cancellationToken);

        stopwatch.Stop();
        var memory = sampler.Stop();
        var step = mode == UploadMode.Full ? "FULL upload" : "DELTA re-upload, all unchanged";
        return new RosterStepResult(step, students, stopwatch.Elapsed.TotalSeconds, upload.AcceptedCount, upload.UnchangedCount, memory);
    }

    /// <summary>Streams a header and the synthetic students; throws when the server rejects any record.</summary>
    private static async Task<RosterUpload> UploadAsync(
        RosterService.RosterServiceClient client, Administration administration, UploadMode mode, int students, int batchSize, CancellationToken cancellationToken)
    {
        using var call = client.UploadRoster(cancellationToken: cancellationToken);
        var header = new RosterUploadHeader
        {
            Administration = administration,
            Mode = mode,
            IdempotencyKey = $"bench-{administration.Assessment}-{mode}-{students}",
        };
        await call.RequestStream.WriteAsync(new UploadRosterRequest { Header = header }, cancellationToken);
        foreach (var batch in SyntheticRoster.Batches(students, batchSize))
        {
            await call.RequestStream.WriteAsync(new UploadRosterRequest { Batch = batch }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var upload = (await call.ResponseAsync).Upload;
        if (upload.RejectedCount > 0)
        {
            var first = upload.RejectedRecords[0];
            throw new InvalidOperationException(
                $"The server rejected {upload.RejectedCount} synthetic records, so the figures would not be comparable; " +
                $"the first is record {first.RecordIndex}: {first.BadRequest}");
        }

        return upload;
    }

    private static async Task<RosterStepResult[]> RunChildAsync(Scenario scenario, int students, Options options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Running {scenario} with {Figures.Count(students)} students in a child process.");
        string[] arguments =
        [
            ChildCommand, scenario.ToString(),
            "--students", students.ToString(CultureInfo.InvariantCulture),
            "--batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture),
            "--sample-interval-ms", ((int)options.SampleInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ];
        var output = await ChildProcess.RunSelfAsync(arguments, cancellationToken);
        return JsonSerializer.Deserialize<RosterStepResult[]>(output.Trim())!;
    }

    private static void Print(RosterStepResult baseline, RosterStepResult small, RosterStepResult large, RosterStepResult delta, List<RosterStepResult> extras)
    {
        Console.WriteLine();
        var table = new TextTable("step", "students", "time", "sampling pauses", "records/s", "accepted", "unchanged", "peak live heap", "peak GC heap size", "peak working set");
        foreach (var step in new[] { baseline, small, large, delta }.Concat(extras))
        {
            table.Add(
                step.Step,
                Figures.Count(step.Students),
                Figures.Seconds(step.Seconds),
                Figures.Seconds(step.Memory.SamplingPauseSeconds),
                Figures.Rate(step.RecordsPerSecond),
                Figures.Count(step.Accepted),
                Figures.Count(step.Unchanged),
                Figures.MiB(step.Memory.PeakLiveBytes),
                Figures.MiB(step.Memory.PeakHeapSizeBytes),
                Figures.MiB(step.Memory.PeakWorkingSetBytes) + (step.Memory.WorkingSetSinceStart ? " (since process start)" : ""));
        }

        table.Write(Console.Out);

        Console.WriteLine();
        var ratios = new TextTable("ratio", "value", "meaning");
        ratios.Add($"FULL upload / EF Core baseline, records/s, {Figures.Count(small.Students)} students", Figures.Ratio(small.RecordsPerSecond / baseline.RecordsPerSecond), "speed-up of the bulk upload path over AddRange+SaveChanges");
        foreach (var full in extras.Prepend(large))
        {
            AddSizeRatios(ratios, full, small);
        }

        ratios.Add($"DELTA unchanged / FULL, records/s, {Figures.Count(large.Students)} students", Figures.Ratio(delta.RecordsPerSecond / large.RecordsPerSecond), "speed of the unchanged path relative to a FULL upload");
        ratios.Write(Console.Out);
    }

    private static void AddSizeRatios(TextTable ratios, RosterStepResult full, RosterStepResult small)
    {
        var sizes = $"FULL {Figures.Count(full.Students)} / {Figures.Count(small.Students)}";
        ratios.Add($"{sizes}, records/s", Figures.Ratio(full.RecordsPerSecond / small.RecordsPerSecond), "1.00x: throughput does not drop with roster size");
        ratios.Add($"{sizes}, peak live heap", Figures.Ratio((double)full.Memory.PeakLiveBytes / small.Memory.PeakLiveBytes), "1.00x: memory does not grow with roster size");
        ratios.Add($"{sizes}, peak GC heap size", Figures.Ratio((double)full.Memory.PeakHeapSizeBytes / small.Memory.PeakHeapSizeBytes), "");
        ratios.Add($"{sizes}, peak working set", Figures.Ratio((double)full.Memory.PeakWorkingSetBytes / small.Memory.PeakWorkingSetBytes), "");
    }
}
