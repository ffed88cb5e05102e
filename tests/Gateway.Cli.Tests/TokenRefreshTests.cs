using Gateway.Domain.Tenancy;
using Gateway.Cli.Remote;
using Gateway.Cli.Tests.Infrastructure;
using Gateway.Server.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Cli.Tests;

public sealed class TokenRefreshTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Token_RefreshedBeforeExpiry()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterRead);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new GatewaySettings(session.Gateway.Address, session.Client.ClientId, session.Client.ClientSecret, GatewayCliSession.Lea);
        await using var connection = new GatewayConnection(settings, [GatewayScopes.RosterRead], clock);

        var first = await connection.GetAccessTokenAsync(CancellationToken.None).WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromMinutes(5));
        var cached = await connection.GetAccessTokenAsync(CancellationToken.None).WaitAsync(Timeout);
        // The server's default token lifetime is 30 minutes; the connection renews a minute early.
        clock.Advance(TimeSpan.FromMinutes(24.5));
        var renewed = await connection.GetAccessTokenAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(first, cached);
        Assert.NotEqual(first, renewed);
    }
}
