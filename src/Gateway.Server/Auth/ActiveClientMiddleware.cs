using Gateway.Storage;
using Gateway.Storage.Tenancy;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Server.Auth;

/// <summary>
/// Runs after authentication: binds the request's <see cref="TenantScope"/> to the token's LEA and
/// rejects tokens of clients that were revoked, or unregistered from the LEA, after the token was
/// issued. The check is cached per (client, LEA) for a few seconds, so a revocation takes effect
/// within <see cref="RecheckInterval"/>.
/// </summary>
internal sealed partial class ActiveClientMiddleware(RequestDelegate next, IMemoryCache cache, ILogger<ActiveClientMiddleware> logger)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context, TenantScope tenant, TenantAdministration tenants)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var clientId = user.GetClaim(Claims.ClientId) ?? user.GetClaim(Claims.Subject) ?? "";
        var lea = user.GetClaim(GatewayClaims.Lea);
        var key = (clientId, lea);
        if (!cache.TryGetValue(key, out bool active))
        {
            active = await tenants.IsActiveForLeaAsync(clientId, lea, context.RequestAborted);
            cache.Set(key, active, RecheckInterval);
        }

        if (!active)
        {
            Log.RevokedClientRejected(logger, clientId, lea ?? "(none)");
            // An anonymous principal makes the authorization step answer UNAUTHENTICATED.
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }
        else
        {
            tenant.LeaCode = lea;
        }

        await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1003, EventName = "RevokedClientRejected", Level = LogLevel.Information,
            Message = "Rejected a token of client {ClientId} for LEA {Lea}: the client is revoked or no longer registered for the LEA")]
        public static partial void RevokedClientRejected(ILogger logger, string clientId, string lea);
    }
}
