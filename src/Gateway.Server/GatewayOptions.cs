namespace Gateway.Server;

/// <summary>Where the gateway listens, bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// HTTP/2-only endpoint for gRPC, the token endpoint and reflection (plain-text HTTP/2, "h2c").
    /// Port 0 picks a free port. Default: <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// HTTP/1.1 endpoint for tools that do not speak HTTP/2 in plain text, such as curl against
    /// the token endpoint and the health endpoints. Empty disables it. Default:
    /// <c>http://127.0.0.1:5081</c>.
    /// </summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:5081";

    /// <summary>
    /// Takes the request scheme from <c>X-Forwarded-Proto</c>, for a gateway behind a proxy that
    /// terminates TLS; the token endpoint then accepts requests that reached the proxy over HTTPS.
    /// Enable only when every request passes through such a proxy. Default: false.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }
}
