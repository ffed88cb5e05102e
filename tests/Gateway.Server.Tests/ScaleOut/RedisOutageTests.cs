using Gateway.Domain.Tenancy;
using Gateway.Server.ScaleOut;
using Gateway.Testing;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using SsrGateway.V1;
using StackExchange.Redis;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.ScaleOut;

/// <summary>Redis going down degrades two replicas to local caching and polling, and they recover.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private ReplicaPair _replicas = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.GetSharedAsync().WaitAsync(TestTimeout);
        _replicas = await ReplicaPair.StartAsync(postgres, o => o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:01");
        await _replicas.A.CreateLeaAsync(Lea);
    }

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task Outage_keeps_serving_and_recovers()
    {
        await SeedOrderAsync(_replicas.A, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Spanish, "P-1")]);
        var vendor = await CreateVendorAsync(_replicas.A);
        var feedOnB = await CreateFeedClientAsync(_replicas.B);
        var pricingOnA = new PricingService.PricingServiceClient(await _replicas.A.CreateLeaChannelAsync(Lea, Gateway.Domain.Tenancy.GatewayScopes.PricingRead));
        var healthOnA = new Grpc.Health.V1.Health.HealthClient(_replicas.A.CreateChannel(null));
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English)]);
        using var watch = feedOnB.WatchLinkUpdates(FromBeginning());
        await ReadUpdatesAsync(watch.ResponseStream, 1);

        await _replicas.Redis.StopAsync().WaitAsync(TestTimeout);
        await WaitForConnectionStateAsync(_replicas.A, connected: false);
        var quoteDuringOutage = await pricingOnA.QuoteOrderAsync(Quote(textedLinks: false), deadline: DateTime.UtcNow.Add(TestTimeout));
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.Spanish)]);
        var polled = await ReadUpdatesAsync(watch.ResponseStream, 1);
        var healthDuringOutage = await healthOnA.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(TestTimeout));

        await _replicas.Redis.StartAsync().WaitAsync(TestTimeout);
        await WaitForConnectionStateAsync(_replicas.A, connected: true);
        var quoteAfterOutage = await pricingOnA.QuoteOrderAsync(Quote(textedLinks: true), deadline: DateTime.UtcNow.Add(TestTimeout));

        Assert.NotEmpty(quoteDuringOutage.Quote.QuoteId);
        Assert.Equal(2L, polled.Single(r => r.Update is not null).Update.Sequence);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, healthDuringOutage.Status);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_replicas.Redis.ConnectionString).WaitAsync(TestTimeout);
        var key = $"{RedisScaleOutExtensions.CacheInstanceName}quote:id:{Lea}:{quoteAfterOutage.Quote.QuoteId}";
        Assert.True(await redis.GetDatabase().KeyExistsAsync(key).WaitAsync(TestTimeout), $"Redis has no key {key} after the outage.");
    }

    private static QuoteOrderRequest Quote(bool textedLinks) => new()
    {
        Administration = new SsrGateway.V1.Administration { SchoolYear = SchoolYear, Assessment = SsrGateway.V1.Assessment.SummativeElpac },
        TextedLinks = textedLinks,
    };

    // Waits until the replica has noticed the outage or the recovery, so that the checks are
    // about behaviour while disconnected or connected, not about how fast the client reacts.
    private static async Task WaitForConnectionStateAsync(Infrastructure.TestGateway replica, bool connected)
    {
        var multiplexer = replica.Services.GetRequiredService<IConnectionMultiplexer>();
        using var timeout = new CancellationTokenSource(TestTimeout);
        while (multiplexer.IsConnected != connected)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
