using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.ScaleOut;
using Gateway.Testing;
using SsrGateway.V1;
using StackExchange.Redis;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.ScaleOut;

/// <summary>Two replicas sharing PostgreSQL and Redis behave as one gateway.</summary>
public sealed class TwoReplicaTests : IAsyncLifetime
{
    // Far longer than the wake-up bound the tests check, so only a Redis message can explain it.
    private const string PollInterval = "00:01:00";

    private ReplicaPair _replicas = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.GetSharedAsync().WaitAsync(ReplicaPair.Timeout);
        _replicas = await ReplicaPair.StartAsync(postgres, o => o.Configuration["LinkFeed:HeartbeatInterval"] = PollInterval);
        await _replicas.A.CreateLeaAsync(Lea);
    }

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task Watcher_on_B_wakes_on_A_publish()
    {
        await SeedOrderAsync(_replicas.A, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Spanish, "P-1")]);
        var vendor = await CreateVendorAsync(_replicas.A);
        var feedOnB = await CreateFeedClientAsync(_replicas.B);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English)]);

        using var watch = feedOnB.WatchLinkUpdates(FromBeginning());
        var backlog = await ReadUpdatesAsync(watch.ResponseStream, 1);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.Spanish)]);
        var live = await ReadUpdatesAsync(watch.ResponseStream, 1, timeout: TimeSpan.FromSeconds(1));

        Assert.Equal(1L, backlog.Single(r => r.Update is not null).Update.Sequence);
        var update = Assert.Single(live, r => r.Update is not null).Update;
        Assert.Equal(2L, update.Sequence);
        Assert.Equal(SsrGateway.V1.VideoLanguage.Spanish, update.Language);
    }

    [Fact]
    public async Task Token_from_A_is_accepted_by_B()
    {
        var client = await _replicas.A.CreateClientAsync([Lea], [GatewayScopes.PricingRead]);
        var token = await _replicas.A.GetTokenAsync(client, Lea, GatewayScopes.PricingRead);

        var pricingOnB = new PricingService.PricingServiceClient(_replicas.B.CreateChannel(token));
        var response = await pricingOnB.GetPriceScheduleAsync(new GetPriceScheduleRequest { Administration = SummativeAdministration() }, deadline: DateTime.UtcNow.Add(ReplicaPair.Timeout));

        Assert.Equal("USD", response.Schedule.SetPrice.CurrencyCode);
        Assert.Equal(1L, response.Schedule.SetPrice.Units);
    }

    [Fact]
    public async Task Quote_from_A_hits_cache_on_B()
    {
        var client = await _replicas.A.CreateClientAsync([Lea], [GatewayScopes.PricingRead]);
        var token = await _replicas.A.GetTokenAsync(client, Lea, GatewayScopes.PricingRead);
        var request = new QuoteOrderRequest { Administration = SummativeAdministration() };

        var onA = await new PricingService.PricingServiceClient(_replicas.A.CreateChannel(token))
            .QuoteOrderAsync(request, deadline: DateTime.UtcNow.Add(ReplicaPair.Timeout));
        var onB = await new PricingService.PricingServiceClient(_replicas.B.CreateChannel(token))
            .QuoteOrderAsync(request, deadline: DateTime.UtcNow.Add(ReplicaPair.Timeout));

        Assert.Equal(onA.Quote.QuoteId, onB.Quote.QuoteId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_replicas.Redis.ConnectionString).WaitAsync(ReplicaPair.Timeout);
        var key = $"{RedisScaleOutExtensions.CacheInstanceName}quote:id:{Lea}:{onA.Quote.QuoteId}";
        Assert.True(await redis.GetDatabase().KeyExistsAsync(key).WaitAsync(ReplicaPair.Timeout), $"Redis has no key {key}.");
    }

    private static SsrGateway.V1.Administration SummativeAdministration() =>
        new() { SchoolYear = SchoolYear, Assessment = SsrGateway.V1.Assessment.SummativeElpac };
}
