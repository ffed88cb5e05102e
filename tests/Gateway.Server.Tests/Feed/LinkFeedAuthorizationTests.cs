using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SsrGateway.V1;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Feed;

/// <summary>
/// Checks that an open watch ends when its token stops being valid. Runs once per storage provider
/// through the subclasses at the end of the file.
/// </summary>
public abstract class LinkFeedAuthorizationTests
{
    /// <summary>Longer than the revocation cache interval plus a heartbeat, so a missed check times out.</summary>
    private static readonly TimeSpan EndTimeout = ActiveClientCheck.RecheckInterval + TimeSpan.FromSeconds(10);

    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    [Fact]
    public async Task Watch_ClientRevoked_EndsUnauthenticated()
    {
        await using var gateway = await TestGateway.StartAsync(StorageProvider, o => o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.200");
        await gateway.CreateLeaAsync(Lea);
        await SeedOrderAsync(gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.English), new(Ssid(2), SchoolA, VideoLanguage.English)]);
        var vendor = await CreateVendorAsync(gateway);
        var client = await gateway.CreateClientAsync([Lea], [GatewayScopes.LinksRead]);
        var token = await gateway.GetTokenAsync(client, Lea, GatewayScopes.LinksRead);
        var feed = new LinkFeedService.LinkFeedServiceClient(gateway.CreateChannel(token));

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English)]);
        var before = await ReadUpdatesAsync(watch.ResponseStream, 1);
        await using (var scope = gateway.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantAdministration>().RevokeClientAsync(client.ClientId, CancellationToken.None).WaitAsync(TestTimeout);
        }

        await PublishAsync(vendor, [Link(Ssid(2), VideoLanguage.English)]);
        var (after, error) = await ReadToEndAsync(watch.ResponseStream);

        Assert.Equal([Ssid(1)], before.Where(r => r.Update is not null).Select(r => r.Update.Ssid));
        Assert.DoesNotContain(after, r => r.Update is not null);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("client was revoked", error.Status.Detail);
    }

    [Fact]
    public async Task Watch_TokenExpires_EndsUnauthenticated()
    {
        await using var gateway = await TestGateway.StartAsync(StorageProvider, o =>
        {
            o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.200";
            o.Configuration["Auth:AccessTokenLifetime"] = "00:00:03";
        });
        var feed = await CreateFeedClientAsync(gateway);

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var (received, error) = await ReadToEndAsync(watch.ResponseStream);

        Assert.Contains(received, r => r.Heartbeat is not null);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("access token expired", error.Status.Detail);
        Assert.Contains("resume token", error.Status.Detail);
    }

    /// <summary>Reads until the stream fails, or until <see cref="EndTimeout"/> cancels the read.</summary>
    private static async Task<(List<WatchLinkUpdatesResponse> Received, RpcException Error)> ReadToEndAsync(IAsyncStreamReader<WatchLinkUpdatesResponse> stream)
    {
        using var cancellation = new CancellationTokenSource(EndTimeout);
        var received = new List<WatchLinkUpdatesResponse>();
        try
        {
            while (await stream.MoveNext(cancellation.Token))
            {
                received.Add(stream.Current);
            }
        }
        catch (RpcException error)
        {
            return (received, error);
        }

        throw new InvalidOperationException("The watch ended with status OK.");
    }
}

public sealed class LinkFeedAuthorizationSqliteTests : LinkFeedAuthorizationTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class LinkFeedAuthorizationPostgreSqlTests : LinkFeedAuthorizationTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
