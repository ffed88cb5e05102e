using Gateway.Domain.Tenancy;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;

namespace Gateway.Server.Auth;

/// <summary>
/// Requires an access token with <see cref="Scope"/>; LEA scopes also require the token to be
/// bound to an LEA.
/// </summary>
internal sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    private bool NeedsLea => Scope != GatewayScopes.FulfillmentPublish;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var user = context.User;
        if (user.HasScope(requirement.Scope) && (!requirement.NeedsLea || user.HasClaim(c => c.Type == GatewayClaims.Lea)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
