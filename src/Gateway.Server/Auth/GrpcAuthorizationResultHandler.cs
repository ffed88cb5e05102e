using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.Server.Auth;

/// <summary>
/// Ends a gRPC call that fails authorization with a proper gRPC status in a trailers-only
/// response: UNAUTHENTICATED when the token is missing or invalid, PERMISSION_DENIED when it lacks
/// the scope. Plain HTTP requests keep the default 401/403 behaviour.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        if (!isGrpc || authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var (code, message) = authorizeResult.Challenged
            ? (StatusCode.Unauthenticated, "A valid bearer access token is required. Get one from the token endpoint with the client_credentials grant.")
            : (StatusCode.PermissionDenied, $"The access token lacks the scope this call needs ({RequiredScope(policy)}); request a token with that scope.");

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }

    private static string RequiredScope(AuthorizationPolicy policy) =>
        string.Join(", ", policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope));
}
