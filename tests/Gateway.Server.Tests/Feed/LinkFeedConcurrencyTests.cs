using System.Diagnostics;
using Gateway.Server.Tests.Infrastructure;
using SsrGateway.V1;
using Xunit.Abstractions;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Feed;

public sealed class LinkFeedConcurrencyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Publishers = 4;
    private const int LinksPerPublisher = 2500;
    private const int Watchers = 3;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(o => o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:01");
        await _gateway.CreateLeaAsync(Lea);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Feed_ConcurrentPublishers_StaysInOrder()
    {
        const int total = Publishers * LinksPerPublisher;
        await SeedOrderAsync(_gateway, Lea, Enumerable.Range(0, total).Select(i => new OrderedStudent(Ssid(i), i % 2 == 0 ? SchoolA : SchoolB, VideoLanguage.English)));
        var feed = await CreateFeedClientAsync(_gateway);
        var vendors = new List<FulfillmentService.FulfillmentServiceClient>();
        for (var p = 0; p < Publishers; p++)
        {
            vendors.Add(await CreateVendorAsync(_gateway));
        }

        var watches = Enumerable.Range(0, Watchers).Select(_ => feed.WatchLinkUpdates(FromBeginning())).ToList();
        var readers = watches.Select(w => Task.Run(() => ReadUpdatesAsync(w.ResponseStream, total, TimeSpan.FromSeconds(120)))).ToList();
        var clock = Stopwatch.StartNew();
        var publishing = Enumerable.Range(0, Publishers).Select(p => Task.Run(() => PublishAsync(
            vendors[p],
            Enumerable.Range(p * LinksPerPublisher, LinksPerPublisher).Select(i => Link(Ssid(i), VideoLanguage.English)),
            batchSize: 50))).ToList();
        var responses = await Task.WhenAll(publishing).WaitAsync(TimeSpan.FromSeconds(120));
        var published = clock.Elapsed;
        var received = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"{total} links by {Publishers} publishers committed in {published.TotalSeconds:F1} s; {Watchers} watchers had all of them after {clock.Elapsed.TotalSeconds:F1} s");

        Assert.All(responses, r => Assert.Equal(LinksPerPublisher, r.AcceptedCount));
        foreach (var messages in received)
        {
            var updates = messages.Where(m => m.Update is not null).Select(m => m.Update).ToList();
            Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), updates.Select(u => u.Sequence));
            Assert.Equal(total, updates.Select(u => u.Ssid).Distinct().Count());
        }

        foreach (var watch in watches)
        {
            watch.Dispose();
        }
    }

    [Fact]
    public async Task SlowWatcher_Paused_GetsEverythingAfterward()
    {
        const int total = 2000;
        await SeedOrderAsync(_gateway, Lea, Enumerable.Range(0, total).Select(i => new OrderedStudent(Ssid(i), SchoolA, VideoLanguage.English)));
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(0), VideoLanguage.English)]);
        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var first = await ReadUpdatesAsync(watch.ResponseStream, 1);

        // The watcher reads nothing while the rest is published, so the server must wait on flow
        // control instead of failing or dropping updates.
        await PublishAsync(vendor, Enumerable.Range(1, total - 1).Select(i => Link(Ssid(i), VideoLanguage.English)), batchSize: 200);
        await Task.Delay(500);
        var rest = await ReadUpdatesAsync(watch.ResponseStream, total - 1);

        var sequences = first.Concat(rest).Where(m => m.Update is not null).Select(m => m.Update.Sequence);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), sequences);
    }
}
