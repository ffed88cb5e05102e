using System.CommandLine;

namespace Gateway.Cli.Remote;

/// <summary>The options every command that calls the gateway takes, with their environment fallbacks.</summary>
internal sealed class ConnectionOptions
{
    public const string DefaultGateway = "http://127.0.0.1:5080";
    public const string GatewayVariable = "GATEWAY_URL";
    public const string ClientIdVariable = "GATEWAY_CLIENT_ID";
    public const string ClientSecretVariable = "GATEWAY_CLIENT_SECRET";
    public const string LeaVariable = "GATEWAY_LEA";

    private readonly bool leaBound;

    /// <param name="leaBound">False for vendor commands whose token is bound to no LEA.</param>
    public ConnectionOptions(bool leaBound = true)
    {
        this.leaBound = leaBound;
        Gateway = new Option<string?>("--gateway")
        {
            Description = $"Gateway address (gRPC over HTTP/2 and the token endpoint). Default: ${GatewayVariable}, else {DefaultGateway}.",
        };
        ClientId = new Option<string?>("--client-id") { Description = $"OAuth client id. Default: ${ClientIdVariable}." };
        ClientSecret = new Option<string?>("--client-secret")
        {
            Description = $"OAuth client secret. Default: ${ClientSecretVariable}, which keeps it out of the shell history.",
        };
        Lea = new Option<string?>("--lea") { Description = $"14-digit CDS code of the LEA the token is bound to. Default: ${LeaVariable}." };
    }

    public Option<string?> Gateway { get; }

    public Option<string?> ClientId { get; }

    public Option<string?> ClientSecret { get; }

    public Option<string?> Lea { get; }

    public void AddTo(Command command)
    {
        command.Add(Gateway);
        command.Add(ClientId);
        command.Add(ClientSecret);
        if (leaBound)
        {
            command.Add(Lea);
        }
    }

    /// <summary>Resolves the options against the environment; throws a usage error for a missing one.</summary>
    public GatewaySettings Resolve(ParseResult parseResult, CliContext context)
    {
        var address = parseResult.GetValue(Gateway) ?? context.GetEnvironment(GatewayVariable) ?? DefaultGateway;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage($"--gateway '{address}' is invalid: expected an http:// or https:// URL such as {DefaultGateway}.");
        }

        var clientId = parseResult.GetValue(ClientId) ?? context.GetEnvironment(ClientIdVariable)
            ?? throw CliException.Usage($"The client id is missing: pass --client-id or set {ClientIdVariable}.");
        var clientSecret = parseResult.GetValue(ClientSecret) ?? context.GetEnvironment(ClientSecretVariable)
            ?? throw CliException.Usage($"The client secret is missing: pass --client-secret or set {ClientSecretVariable}.");

        string? lea = null;
        if (leaBound)
        {
            lea = parseResult.GetValue(Lea) ?? context.GetEnvironment(LeaVariable)
                ?? throw CliException.Usage($"The LEA is missing: pass --lea with its 14-digit CDS code or set {LeaVariable}.");
            if (lea.Length != 14 || !lea.All(char.IsAsciiDigit))
            {
                throw CliException.Usage($"--lea '{lea}' is invalid: expected a 14-digit CDS code.");
            }
        }

        return new GatewaySettings(uri, clientId, clientSecret, lea);
    }
}

/// <summary>Where and as whom to call the gateway.</summary>
internal sealed record GatewaySettings(Uri Address, string ClientId, string ClientSecret, string? Lea)
{
    /// <summary>Hides the secret from debugger displays and accidental string formatting.</summary>
    public override string ToString() => $"{Address} as {ClientId}" + (Lea is null ? string.Empty : $" for LEA {Lea}");
}
