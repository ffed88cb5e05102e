using Gateway.Storage.Tenancy;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Server.Auth;

/// <summary>
/// Runs after authentication: binds the request's <see cref="TenantScope"/> to the token's LEA and
/// rejects tokens of clients that were revoked, or unregistered from the LEA, after the token was
/// issued. <see cref="ActiveClientCheck"/> caches the check per (client, LEA) for a few seconds, so
/// a revocation takes effect within <see cref="ActiveClientCheck.RecheckInterval"/>.
/// </summary>
internal sealed partial class ActiveClientMiddleware(RequestDelegate next, ILogger<ActiveClientMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, TenantScope tenant, ActiveClientCheck activeClients)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var clientId = user.GetClaim(Claims.ClientId) ?? user.GetClaim(Claims.Subject) ?? "";
        var lea = user.GetClaim(GatewayClaims.Lea);
        var active = await activeClients.IsActiveAsync(clientId, lea, bypassCache: false, context.RequestAborted);
        if (!active)
        {
            Log.RevokedClientRejected(logger, clientId, lea ?? "(none)");
            // An anonymous principal makes the authorization step return UNAUTHENTICATED.
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
