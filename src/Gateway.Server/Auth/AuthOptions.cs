namespace Gateway.Server.Auth;

/// <summary>OAuth 2.0 settings, bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Issuer written into and required in every token. It is fixed, not taken from the request,
    /// so a token validates on every port and every replica. Default:
    /// <c>https://ssr-gateway.invalid/</c>.
    /// </summary>
    public Uri Issuer { get; set; } = new("https://ssr-gateway.invalid/");

    /// <summary>Lifetime of access tokens. Default: 30 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Accepts token requests over plain HTTP. Only for loopback development and tests; the
    /// Development environment turns it on in appsettings.Development.json. Default: false.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// PEM-encoded ECDSA P-256 private key that signs access tokens. Required outside the
    /// Development environment; in Development a key is generated once under the data folder.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes: the key OpenIddict encrypts its internal tokens with. Required
    /// outside Development, like <see cref="SigningKey"/>.
    /// </summary>
    public string? EncryptionKey { get; set; }
}
