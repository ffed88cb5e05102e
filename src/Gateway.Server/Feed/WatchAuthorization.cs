using System.Globalization;
using System.Security.Claims;
using Gateway.Server.Auth;
using Grpc.Core;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Server.Feed;

/// <summary>
/// The access token of one open watch. Authorization runs once when a call starts, so a watch
/// re-checks while it streams that the token has not expired and that its client is still active
/// for the LEA, and ends with UNAUTHENTICATED otherwise.
/// </summary>
internal sealed class WatchAuthorization(
    string clientId, string leaCode, DateTimeOffset? expiresAt, ActiveClientCheck activeClients, TimeProvider time, ILogger logger)
{
    /// <summary>The token's <c>exp</c>, or null when the token has none.</summary>
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public static WatchAuthorization FromPrincipal(
        ClaimsPrincipal user, string leaCode, ActiveClientCheck activeClients, TimeProvider time, ILogger logger)
    {
        var clientId = user.GetClaim(Claims.ClientId) ?? user.GetClaim(Claims.Subject) ?? "";
        return new WatchAuthorization(clientId, leaCode, ReadExpiry(user), activeClients, time, logger);
    }

    /// <summary>
    /// Throws UNAUTHENTICATED when the token expired or the client was revoked.
    /// <paramref name="bypassCache"/> reads the client's state from the database, which a watch does
    /// before sending updates so that none published after a revocation reaches the client.
    /// </summary>
    public async ValueTask EnsureValidAsync(long position, bool bypassCache, CancellationToken cancellationToken)
    {
        if (ExpiresAt is { } expiry && time.GetUtcNow() >= expiry)
        {
            LinkFeedLog.WatchEnded(logger, leaCode, position, "access token expired");
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "The access token expired; get a new token and resume from your last resume token."));
        }

        if (!await activeClients.IsActiveAsync(clientId, leaCode, bypassCache, cancellationToken))
        {
            LinkFeedLog.WatchEnded(logger, leaCode, position, $"client {clientId} revoked or unregistered from the LEA");
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "The client was revoked or is no longer registered for this LEA; ask the LEA's administrator to register it again."));
        }
    }

    /// <summary>Returns how long the watch may wait before the token expires, at most <paramref name="wait"/>.</summary>
    public TimeSpan LimitWait(TimeSpan wait)
    {
        if (ExpiresAt is not { } expiry)
        {
            return wait;
        }

        var left = expiry - time.GetUtcNow();
        return left < wait ? left : wait;
    }

    private static DateTimeOffset? ReadExpiry(ClaimsPrincipal user)
    {
        // The JWT's exp claim is in seconds since the Unix epoch. OpenIddict validation also keeps the
        // expiry in a private claim, which is the fallback.
        var exp = user.GetClaim(Claims.ExpiresAt);
        if (exp is not null && long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return user.GetExpirationDate();
    }
}
