using Gateway.Domain.Tenancy;
using System.Diagnostics;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SsrGateway.V1;
using Xunit.Abstractions;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Roster;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class RosterAtomicityTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private const int RosterSize = 20_000;
    private const int BatchSize = 2_000;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(StorageProvider);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static IEnumerable<StudentRecord>[] Roster(int firstSsid, string firstName) =>
        [.. Students(RosterSize, firstSsid, (_, r) => { r.FirstName = firstName; return r; }).Chunk(BatchSize)];

    // Counts the LEA's students by first name in one query, as any reader of the roster would.
    private async Task<Dictionary<string, int>> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = Lea;
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var groups = await db.Students.GroupBy(s => s.FirstName).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return groups.ToDictionary(g => g.Key, g => g.Count);
    }

    [Fact]
    public async Task FullUpload_ReadersNeverSeeMix()
    {
        var channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite);
        await UploadAsync(channel, Header("old"), Roster(1_000_000_000, "Old"));

        using var stop = new CancellationTokenSource();
        var snapshots = new List<Dictionary<string, int>>();
        var readerRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                snapshots.Add(await SnapshotAsync(CancellationToken.None));
                readerRunning.TrySetResult();
            }
        });

        // The upload starts only once the reader runs, so the old roster is always observed.
        await readerRunning.Task.WaitAsync(CallTimeout);

        var stopwatch = Stopwatch.StartNew();
        var upload = await UploadAsync(channel, Header("new"), Roster(1_000_000_000 + (RosterSize / 2), "New"));
        var elapsed = stopwatch.Elapsed;
        await Task.Delay(200);
        await stop.CancelAsync();
        await reader.WaitAsync(CallTimeout);

        output.WriteLine($"FULL upload of {RosterSize} students over a loopback channel: {elapsed.TotalSeconds:F2} s ({RosterSize / elapsed.TotalSeconds:F0} records/s); {snapshots.Count} reader snapshots");
        Assert.Equal(RosterSize, upload.AcceptedCount);
        Assert.Equal(0, upload.UnchangedCount);
        Assert.Equal(RosterSize / 2, upload.RemovedCount);
        Assert.All(snapshots, s => Assert.True(
            s.Count == 1 && s.Values.Single() == RosterSize,
            "a reader saw " + string.Join(", ", s.Select(p => $"{p.Value} {p.Key}"))));
        Assert.Contains(snapshots, s => s.ContainsKey("Old"));
        Assert.Equal(RosterSize, snapshots[^1]["New"]);
    }
}

public sealed class RosterAtomicitySqliteTests(ITestOutputHelper output) : RosterAtomicityTests(output)
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class RosterAtomicityPostgreSqlTests(ITestOutputHelper output) : RosterAtomicityTests(output)
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
