using Gateway.Server.Feed;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Feed;

public sealed class LinkFeedResumeTests
{
    [Fact]
    public async Task Resume_AfterRestart_ContinuesWithoutGapOrRepeat()
    {
        await using var gateway = await TestGateway.StartAsync(o => o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.500");
        await gateway.CreateLeaAsync(Lea);
        await SeedOrderAsync(gateway, Lea, Enumerable.Range(0, 40).Select(i => new OrderedStudent(Ssid(i), SchoolA, VideoLanguage.English)));
        var vendor = await CreateVendorAsync(gateway);
        await PublishAsync(vendor, Enumerable.Range(0, 20).Select(i => Link(Ssid(i), VideoLanguage.English)));
        var (feed, channel) = await CreateDetachedFeedClientAsync(gateway);
        string lastToken;
        long lastSequence;
        using (channel)
        {
            using var watch = feed.WatchLinkUpdates(FromBeginning());
            var first = (await ReadUpdatesAsync(watch.ResponseStream, 12)).Where(r => r.Update is not null).Select(r => r.Update).ToList();
            lastToken = first[^1].ResumeToken;
            lastSequence = first[^1].Sequence;

            // The watcher keeps reading while the host stops, as a live client does. It resumes
            // from the position it checkpointed (sequence 12), not from the last update it read.
            var pending = ReadUpdatesAsync(watch.ResponseStream, 100);
            await gateway.StopAsync();
            var stopped = await Assert.ThrowsAsync<RpcException>(() => pending);

            // NOTE: the server ends the call with UNAVAILABLE (see the shutdown test), but a client
            // that was reading can get CANCELLED instead when the closing socket is reset before it
            // reads the trailers. Both mean the server went away and the watch must be resumed.
            Assert.Contains(stopped.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Cancelled });
        }

        await gateway.RestartAsync();
        vendor = await CreateVendorAsync(gateway);
        await PublishAsync(vendor, Enumerable.Range(20, 20).Select(i => Link(Ssid(i), VideoLanguage.English)));
        var resumed = await CreateFeedClientAsync(gateway);
        using var again = resumed.WatchLinkUpdates(After(lastToken));
        var rest = (await ReadUpdatesAsync(again.ResponseStream, 40 - 12)).Where(r => r.Update is not null).Select(r => r.Update).ToList();

        Assert.Equal(12, lastSequence);
        Assert.Equal(Enumerable.Range(13, 28).Select(i => (long)i), rest.Select(u => u.Sequence));
    }

    [Fact]
    public async Task Shutdown_EndsOpenWatchWithUnavailable()
    {
        await using var gateway = await TestGateway.StartAsync();
        var (feed, channel) = await CreateDetachedFeedClientAsync(gateway);
        using (channel)
        {
            using var watch = feed.WatchLinkUpdates(FromBeginning());
            var pending = ReadUpdatesAsync(watch.ResponseStream, 1);
            await Task.Delay(200);

            await gateway.StopAsync();
            var error = await Assert.ThrowsAsync<RpcException>(() => pending);

            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Contains("resume", error.Status.Detail);
        }
    }

    [Fact]
    public async Task Resume_TokenOlderThanRetention_FailsWithResync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        await using var gateway = await TestGateway.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Configuration["LinkFeed:Retention"] = "1.00:00:00";
            o.Configuration["LinkFeed:PruneInterval"] = "7.00:00:00";
        });
        await gateway.CreateLeaAsync(Lea);
        await SeedOrderAsync(gateway, Lea, Enumerable.Range(0, 4).Select(i => new OrderedStudent(Ssid(i), SchoolA, VideoLanguage.English)));
        var vendor = await CreateVendorAsync(gateway);
        var feed = await CreateFeedClientAsync(gateway);
        await PublishAsync(vendor, Enumerable.Range(0, 3).Select(i => Link(Ssid(i), VideoLanguage.English)));
        string token;
        using (var watch = feed.WatchLinkUpdates(FromBeginning()))
        {
            token = (await ReadUpdatesAsync(watch.ResponseStream, 1)).Single(r => r.Update is not null).Update.ResumeToken;
        }

        // Tokens of the fake clock's past have expired too, so the clients get new ones.
        clock.Advance(TimeSpan.FromDays(2));
        vendor = await CreateVendorAsync(gateway);
        feed = await CreateFeedClientAsync(gateway);
        await PublishAsync(vendor, [Link(Ssid(3), VideoLanguage.English)]);
        var deleted = await gateway.Services.GetRequiredService<LinkHistoryPruner>().PruneAsync(CancellationToken.None).WaitAsync(TestTimeout);

        using var resumed = feed.WatchLinkUpdates(After(token));
        var expired = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(resumed.ResponseStream, 1));
        using var fromStart = feed.WatchLinkUpdates(FromBeginning());
        var startExpired = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(fromStart.ResponseStream, 1));
        using var snapshot = feed.WatchLinkUpdates(new WatchLinkUpdatesRequest { Snapshot = true });
        var seen = new List<WatchLinkUpdatesResponse>();
        var complete = await ReadUntilAsync(snapshot.ResponseStream, WatchLinkUpdatesResponse.KindOneofCase.SnapshotComplete, seen);

        Assert.Equal(3, deleted);
        Assert.Equal(StatusCode.FailedPrecondition, expired.StatusCode);
        Assert.Equal("RESUME_TOKEN_EXPIRED", ErrorReason(expired));
        Assert.Contains("snapshot", expired.Status.Detail);
        Assert.Equal("RESUME_TOKEN_EXPIRED", ErrorReason(startExpired));
        Assert.Equal(4, complete.SnapshotComplete.LinkCount);
        Assert.Equal(4, complete.SnapshotComplete.Sequence);
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        Assert.Equal(1, await db.LinkUpdates.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Snapshot_WithRacingPublishes_ConvergesToCurrentState()
    {
        await using var gateway = await TestGateway.StartAsync(o =>
        {
            o.Configuration["LinkFeed:PageSize"] = "7";
            o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.200";
        });
        await gateway.CreateLeaAsync(Lea);
        const int students = 200;
        await SeedOrderAsync(gateway, Lea, Enumerable.Range(0, students).Select(i => new OrderedStudent(Ssid(i), SchoolA, VideoLanguage.Spanish)));
        var vendor = await CreateVendorAsync(gateway);
        var feed = await CreateFeedClientAsync(gateway);
        await PublishAsync(vendor, Enumerable.Range(0, 100).Select(i => Link(Ssid(i), VideoLanguage.English)));

        using var watch = feed.WatchLinkUpdates(new WatchLinkUpdatesRequest { Snapshot = true });
        var snapshotDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Task.Run(async () =>
        {
            // At least ten rounds, and two more once the snapshot is complete, so that publishes
            // land during the snapshot and after it whatever the machine's speed.
            var roundsAfterSnapshot = 0;
            for (var round = 0; round < 40 && (round < 10 || roundsAfterSnapshot < 2); round++)
            {
                roundsAfterSnapshot += snapshotDone.Task.IsCompleted ? 1 : 0;
                var newStudent = 100 + (round % 100);
                await PublishAsync(vendor, [Link(Ssid(newStudent), VideoLanguage.Spanish, $"https://{Host}/s{round}/{newStudent}")], batchSize: 5);
                await PublishAsync(vendor, Enumerable.Range((round % 10) * 10, 10).Select(i => Link(Ssid(i), VideoLanguage.English, $"https://{Host}/r{round}/{i}")), batchSize: 5);
                var revoke = new RevokeVideoLinksRequest();
                revoke.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = Link(Ssid(round), VideoLanguage.English).Administration, Ssid = Ssid(50 + (round % 50)), Language = SsrGateway.V1.VideoLanguage.English });
                await vendor.RevokeVideoLinksAsync(revoke).ResponseAsync.WaitAsync(TestTimeout);
            }
        });

        var state = new Dictionary<(string, SsrGateway.V1.VideoLanguage), string>();
        long livePosition = -1;
        var liveSequences = new List<long>();
        long finalSequence = long.MaxValue;
        using var cancellation = new CancellationTokenSource(TestTimeout);
        while (livePosition < finalSequence && await watch.ResponseStream.MoveNext(cancellation.Token))
        {
            var message = watch.ResponseStream.Current;
            if (message.SnapshotComplete is { } complete)
            {
                livePosition = complete.Sequence;
                snapshotDone.TrySetResult();
            }
            else if (message.Heartbeat is { } heartbeat && snapshotDone.Task.IsCompleted)
            {
                livePosition = heartbeat.Sequence;
            }
            else if (message.Update is { } update)
            {
                state[(update.Ssid, update.Language)] = update.ChangeType == LinkChangeType.Revoked ? "" : update.Url;
                if (!update.FromSnapshot)
                {
                    liveSequences.Add(update.Sequence);
                    livePosition = update.Sequence;
                }
            }

            if (racing.IsCompleted && finalSequence == long.MaxValue)
            {
                await racing;
                await using var scope = gateway.Services.CreateAsyncScope();
                finalSequence = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().LeaFeedCounters.IgnoreQueryFilters().Select(c => c.LastSequence).SingleAsync();
            }
        }

        await using var check = gateway.Services.CreateAsyncScope();
        var links = await check.ServiceProvider.GetRequiredService<GatewayDbContext>().VideoLinks.IgnoreQueryFilters().ToListAsync();
        var expected = links.ToDictionary(l => (l.Ssid, (SsrGateway.V1.VideoLanguage)(int)l.Language), l => l.Url);
        Assert.Equal(expected.OrderBy(e => e.Key), state.OrderBy(e => e.Key));
        Assert.NotEmpty(liveSequences);
        Assert.Equal(Enumerable.Range((int)liveSequences[0], liveSequences.Count).Select(i => (long)i), liveSequences);
        Assert.Equal(finalSequence, liveSequences[^1]);
    }

    private static string ErrorReason(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
}
