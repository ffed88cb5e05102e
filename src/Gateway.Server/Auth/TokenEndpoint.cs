using System.Security.Claims;
using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Server.Auth;

/// <summary>
/// The client-credentials grant after OpenIddict has authenticated the client and checked that
/// each requested scope exists. This step rejects scopes the client is not allowed and binds the
/// token to one LEA: LEA scopes need the <c>lea</c> parameter naming an LEA the client is registered for, and
/// <c>fulfillment.publish</c> must be requested without it. With no <c>scope</c> parameter the
/// token gets every allowed scope of its kind.
/// </summary>
internal static partial class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static async Task<IResult> HandleAsync(HttpContext context, TenantAdministration tenants, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(TokenEndpoint));
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing; the endpoint must be served through OpenIddict.");
        if (!request.IsClientCredentialsGrantType())
        {
            return Reject(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        // A repeated parameter reaches OpenIddict as an array, which reads as a missing scope or
        // LEA. A token with every allowed scope would then be issued, so repeats are rejected.
        foreach (var (name, value) in request.GetParameters())
        {
            if (((StringValues?)value) is { Count: > 1 })
            {
                return Reject(Errors.InvalidRequest, $"The '{name}' parameter is given more than once; give it once (scopes are space-separated in one 'scope' parameter).");
            }
        }

        var clientId = request.ClientId!;
        var leaParameter = (string?)request.GetParameter(GatewayClaims.Lea);
        var requested = request.GetScopes();
        var allowed = await AllowedScopesAsync(context, clientId);

        var notAllowed = requested.Where(scope => !allowed.Contains(scope)).ToList();
        if (notAllowed.Count > 0)
        {
            Log.TokenRejected(logger, clientId, "scope not allowed");
            return Reject(Errors.InvalidScope,
                $"Client {clientId} is not allowed the scope(s) {string.Join(" ", notAllowed)}; its allowed scopes are {string.Join(" ", allowed)}.");
        }

        var wantsFulfillment = requested.Contains(GatewayScopes.FulfillmentPublish);
        var leaScopesRequested = requested.Where(GatewayScopes.LeaScopes.Contains).ToList();

        if (string.IsNullOrWhiteSpace(leaParameter))
        {
            if (leaScopesRequested.Count > 0)
            {
                Log.TokenRejected(logger, clientId, "lea parameter missing");
                return Reject(Errors.InvalidRequest,
                    $"The scope(s) {string.Join(" ", leaScopesRequested)} need the 'lea' parameter: the 14-digit CDS code of the LEA the token is for.");
            }

            var granted = requested.IsEmpty ? allowed.Where(s => s == GatewayScopes.FulfillmentPublish).ToList() : [.. requested];
            if (granted.Count == 0)
            {
                return Reject(Errors.InvalidRequest,
                    "The 'lea' parameter is missing. Name the LEA (14-digit CDS code) the token is for, or request scope fulfillment.publish.");
            }

            if (!await tenants.IsActiveForLeaAsync(clientId, null, context.RequestAborted))
            {
                return Reject(Errors.InvalidClient, $"Client {clientId} is revoked.");
            }

            return Issue(clientId, lea: null, granted, logger);
        }

        if (wantsFulfillment)
        {
            return Reject(Errors.InvalidScope,
                $"Scope {GatewayScopes.FulfillmentPublish} is not bound to an LEA; request it without the 'lea' parameter, in a token of its own.");
        }

        if (!CdsCode.TryParse(leaParameter, out var lea))
        {
            return Reject(Errors.InvalidRequest, $"The 'lea' parameter '{leaParameter}' is not a CDS code: expected exactly 14 digits.");
        }

        if (!await tenants.IsActiveForLeaAsync(clientId, lea.Value, context.RequestAborted))
        {
            Log.TokenRejected(logger, clientId, "not registered for LEA");
            return Reject(Errors.UnauthorizedClient, $"Client {clientId} is not registered for LEA {lea.Value}.");
        }

        var scopes = requested.IsEmpty ? allowed.Where(GatewayScopes.LeaScopes.Contains).ToList() : leaScopesRequested;
        if (scopes.Count == 0)
        {
            return Reject(Errors.InvalidScope, $"Client {clientId} has no scope that can be used with an LEA.");
        }

        return Issue(clientId, lea.Value, scopes, logger);
    }

    /// <summary>
    /// Middleware that answers a token request whose form cannot be read (ASP.NET Core rejects,
    /// for example, NUL characters in form values) with the OAuth error <c>invalid_request</c>
    /// instead of a server error. It runs before authentication, where OpenIddict reads the form.
    /// </summary>
    public static async Task RejectUnreadableFormAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = Errors.InvalidRequest,
                ["error_description"] = "The request body is not a readable form: a value contains characters that are not allowed, such as NUL.",
            });
        }
    }

    private static async Task<List<string>> AllowedScopesAsync(HttpContext context, string clientId)
    {
        var applications = context.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, context.RequestAborted);
        if (application is null)
        {
            return [];
        }

        var permissions = await applications.GetPermissionsAsync(application, context.RequestAborted);
        return permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToList();
    }

    private static IResult Issue(string clientId, string? lea, IReadOnlyCollection<string> scopes, ILogger logger)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.ClientId, clientId);
        if (lea is not null)
        {
            identity.SetClaim(GatewayClaims.Lea, lea);
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        Log.TokenIssued(logger, clientId, lea ?? "(none)", string.Join(" ", scopes));
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, EventName = "TokenIssued", Level = LogLevel.Information,
            Message = "Issued an access token to client {ClientId} for LEA {Lea} with scopes {Scopes}")]
        public static partial void TokenIssued(ILogger logger, string clientId, string lea, string scopes);

        [LoggerMessage(EventId = 1002, EventName = "TokenRejected", Level = LogLevel.Information,
            Message = "Rejected a token request of client {ClientId}: {Reason}")]
        public static partial void TokenRejected(ILogger logger, string clientId, string reason);
    }
}
