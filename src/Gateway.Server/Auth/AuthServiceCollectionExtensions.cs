using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;

namespace Gateway.Server.Auth;

/// <summary>Registers the OAuth 2.0 token server, token validation and the scope policies.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var (signingKey, encryptionKey) = GatewayKeys.Load(options, storage.DataDirectory, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(options);

        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.SetIssuer(options.Issuer);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                server.RegisterScopes([.. GatewayScopes.All]);
                server.AddSigningKey(signingKey);
                server.AddEncryptionKey(encryptionKey);

                // Access tokens are signed JWTs that SIS engineers can decode; nothing in them is secret.
                server.DisableAccessTokenEncryption();

                // Client-credentials tokens are self-contained; revocation is enforced per request by
                // ActiveClientMiddleware, so no token rows pile up in the database.
                server.DisableTokenStorage();

                // TokenEndpoint checks scopes against the client's permissions itself, so that a
                // scope the client lacks gets invalid_scope (RFC 6749, section 5.2) rather than
                // OpenIddict's invalid_request.
                server.IgnoreScopePermissions();

                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (options.AllowInsecureHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in GatewayScopes.All)
            {
                // No per-policy scheme: the policy then judges the principal that authentication and
                // ActiveClientMiddleware left on the request.
                authorization.AddPolicy(scope, policy => policy
                    .RequireAuthenticatedUser()
                    .AddRequirements(new ScopeRequirement(scope)));
            }
        });
        builder.Services.AddScoped<ActiveClientCheck>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return builder;
    }
}
