using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Roster;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Tenancy;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SsrGateway.V1;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Roster;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class RosterUploadFailureTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private TestGateway _gateway = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider);
        _channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(int Students, int Staged, int Uploads)> CountRowsAsync()
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = Lea;
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        return (
            await db.Students.CountAsync(),
            await db.StagedStudents.IgnoreQueryFilters().CountAsync() + await db.StagedGuardians.IgnoreQueryFilters().CountAsync(),
            await db.RosterUploads.CountAsync());
    }

    [Fact]
    public async Task StagingSweep_DeletesAbandonedRows()
    {
        var now = _gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await StageAsync("abandoned-upload", now - TimeSpan.FromHours(2));
        await StageAsync("running-upload", now - TimeSpan.FromMinutes(10));

        var deleted = await _gateway.Services.GetRequiredService<StagingSweeper>().SweepAsync(CancellationToken.None).WaitAsync(CallTimeout);

        Assert.Equal(1, deleted);
        Assert.Equal(["running-upload"], await StagedUploadIdsAsync(guardians: false));
        Assert.Equal(["running-upload"], await StagedUploadIdsAsync(guardians: true));
    }

    [Fact]
    public async Task StagingSweep_KeepsUploadStillStaging()
    {
        var now = _gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await StageAsync("long-upload", now - TimeSpan.FromHours(3), "1000000001");
        await StageAsync("long-upload", now - TimeSpan.FromMinutes(5), "1000000002", recordIndex: 1);

        var deleted = await _gateway.Services.GetRequiredService<StagingSweeper>().SweepAsync(CancellationToken.None).WaitAsync(CallTimeout);

        Assert.Equal(0, deleted);
        Assert.Equal(["long-upload"], await StagedUploadIdsAsync(guardians: false));
    }

    [Fact]
    public async Task StagingSweep_RunsAtStartUp()
    {
        var now = _gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await StageAsync("abandoned-upload", now - TimeSpan.FromHours(2));

        await _gateway.RestartAsync();
        var deadline = DateTime.UtcNow + CallTimeout;
        var remaining = await StagedUploadIdsAsync(guardians: false);
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            remaining = await StagedUploadIdsAsync(guardians: false);
        }

        Assert.Empty(remaining);
        Assert.Empty(await StagedUploadIdsAsync(guardians: true));
    }

    private async Task StageAsync(string uploadId, DateTimeOffset stageTime, string ssid = "1000000001", int recordIndex = 0)
    {
        var guardian = new Domain.Roster.ValidGuardian("Test Guardian", "Mother", Domain.Roster.MobilePhone.Parse("(510) 555-0143"), Domain.TextingConsent.Yes, "en", "P1");
        var student = new Domain.Roster.ValidStudent(ssid, "L1", "Test", "", "Student", "05", School, "01", Domain.VideoLanguage.Spanish, [guardian]);
        await using var scope = _gateway.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = Lea;
        var store = scope.ServiceProvider.GetRequiredService<Gateway.Storage.Roster.RosterStore>();
        await store.StageAsync(uploadId, [new Gateway.Storage.Roster.StagedRecord(recordIndex, student.Ssid, student, "hash")], stageTime, CancellationToken.None).WaitAsync(CallTimeout);
    }

    private async Task<List<string>> StagedUploadIdsAsync(bool guardians)
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var ids = guardians
            ? db.StagedGuardians.IgnoreQueryFilters().Select(g => g.UploadId)
            : db.StagedStudents.IgnoreQueryFilters().Select(s => s.UploadId);
        return await ids.Distinct().ToListAsync().WaitAsync(CallTimeout);
    }

    [Fact]
    public async Task CancelledUpload_ChangesNothing()
    {
        await UploadAsync(_channel, Header("base"), Students(10));
        var client = new RosterService.RosterServiceClient(_channel);

        using (var call = client.UploadRoster(deadline: DateTime.UtcNow + CallTimeout))
        {
            await call.RequestStream.WriteAsync(new UploadRosterRequest { Header = Header("cancelled") }).WaitAsync(CallTimeout);
            foreach (var batch in Students(25_000, firstSsid: 1_100_000_000).Chunk(2_500))
            {
                await call.RequestStream.WriteAsync(Batch(batch)).WaitAsync(CallTimeout);
            }
        }

        // The server notices the reset asynchronously; wait until its cleanup has run.
        var deadline = DateTime.UtcNow + CallTimeout;
        var counts = await CountRowsAsync();
        while (counts.Staged > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            counts = await CountRowsAsync();
        }

        Assert.Equal((10, 0, 1), counts);
        var retry = await UploadAsync(_channel, Header("cancelled"), Students(2));
        Assert.Equal(2, retry.UnchangedCount);
        Assert.Equal(8, retry.RemovedCount);
    }

    [Fact]
    public async Task ConcurrentSameKey_OneUpload()
    {
        var students = Students(5_000).Chunk(1_000).ToArray();

        var uploads = await Task.WhenAll(
            UploadAsync(_channel, Header("same"), students),
            UploadAsync(_channel, Header("same"), students));

        Assert.Equal(uploads[0], uploads[1]);
        Assert.Equal(5_000, uploads[0].AcceptedCount);
        Assert.Equal((5_000, 0, 1), await CountRowsAsync());
    }

    [Fact]
    public async Task ConcurrentSameKeyOtherContent_OneFails()
    {
        var first = Students(5_000).Chunk(1_000).ToArray();
        var second = Students(5_000, firstSsid: 1_200_000_000).Chunk(1_000).ToArray();

        var results = await Task.WhenAll(
            Attempt(() => UploadAsync(_channel, Header("contested"), first)),
            Attempt(() => UploadAsync(_channel, Header("contested"), second)));

        Assert.Single(results, r => r.Upload is not null);
        var failure = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal((5_000, 0, 1), await CountRowsAsync());

        static async Task<(RosterUpload? Upload, RpcException? Error)> Attempt(Func<Task<RosterUpload>> upload)
        {
            try
            {
                return (await upload(), null);
            }
            catch (RpcException exception)
            {
                return (null, exception);
            }
        }
    }
}

public sealed class RosterUploadFailureSqliteTests : RosterUploadFailureTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class RosterUploadFailurePostgreSqlTests : RosterUploadFailureTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
