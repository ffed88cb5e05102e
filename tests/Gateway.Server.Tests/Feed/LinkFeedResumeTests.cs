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

            await gateway.StopAsync();
            var stopped = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(watch.ResponseStream, 100));
            Assert.Equal(StatusCode.Unavailable, stopped.StatusCode);
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
        var racing = Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                // New links, replacements of early links and revokes, in small commits.
                await PublishAsync(vendor, Enumerable.Range(100 + (round * 10), 10).Select(i => Link(Ssid(i), VideoLanguage.Spanish)), batchSize: 5);
                await PublishAsync(vendor, Enumerable.Range(round * 10, 10).Select(i => Link(Ssid(i), VideoLanguage.English, $"https://{Host}/r{round}/{i}")), batchSize: 5);
                var revoke = new RevokeVideoLinksRequest();
                revoke.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = Link(Ssid(round), VideoLanguage.English).Administration, Ssid = Ssid(round + 50), Language = SsrGateway.V1.VideoLanguage.English });
                await vendor.RevokeVideoLinksAsync(revoke).ResponseAsync.WaitAsync(TestTimeout);
            }
        });

        var state = new Dictionary<(string, SsrGateway.V1.VideoLanguage), string>();
        long livePosition = -1;
        var liveSequences = new List<long>();
        await racing.WaitAsync(TestTimeout);
        long finalSequence;
        await using (var scope = gateway.Services.CreateAsyncScope())
        {
            finalSequence = await scope.ServiceProvider.GetRequiredService<GatewayDbContext>().LeaFeedCounters.IgnoreQueryFilters().Select(c => c.LastSequence).SingleAsync();
        }

        using var cancellation = new CancellationTokenSource(TestTimeout);
        while (livePosition < finalSequence && await watch.ResponseStream.MoveNext(cancellation.Token))
        {
            var message = watch.ResponseStream.Current;
            if (message.SnapshotComplete is { } complete)
            {
                livePosition = complete.Sequence;
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
