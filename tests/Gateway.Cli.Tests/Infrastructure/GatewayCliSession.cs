using Gateway.Server.Tests.Infrastructure;

namespace Gateway.Cli.Tests.Infrastructure;

/// <summary>A running <see cref="TestGateway"/> with one LEA and a client, and the environment that points <c>gatewayctl</c> at them.</summary>
public sealed class GatewayCliSession : IAsyncDisposable
{
    public const string Lea = "19647330000000";

    private GatewayCliSession(TestGateway gateway, TestClient client, string workDirectory)
    {
        Gateway = gateway;
        Client = client;
        WorkDirectory = workDirectory;
    }

    public TestGateway Gateway { get; }

    public TestClient Client { get; }

    /// <summary>Temporary folder for the test's input and output files.</summary>
    public string WorkDirectory { get; }

    /// <summary>GATEWAY_URL, GATEWAY_CLIENT_ID and GATEWAY_CLIENT_SECRET for the session's client.</summary>
    public IReadOnlyDictionary<string, string> Environment => EnvironmentFor(Client);

    /// <summary>GATEWAY_URL, GATEWAY_CLIENT_ID and GATEWAY_CLIENT_SECRET for <paramref name="client"/>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(TestClient client) => new Dictionary<string, string>
    {
        ["GATEWAY_URL"] = Gateway.Address.ToString(),
        ["GATEWAY_CLIENT_ID"] = client.ClientId,
        ["GATEWAY_CLIENT_SECRET"] = client.ClientSecret,
    };

    public static Task<GatewayCliSession> StartAsync(params string[] scopes) => StartAsync(null, scopes);

    public static async Task<GatewayCliSession> StartAsync(Action<TestGatewayOptions>? configure, params string[] scopes)
    {
        var gateway = await TestGateway.StartAsync(configure);
        await gateway.CreateLeaAsync(Lea, "Example Unified");
        var client = await gateway.CreateClientAsync([Lea], scopes);
        return new GatewayCliSession(gateway, client, Directory.CreateTempSubdirectory("gatewayctl-test-").FullName);
    }

    /// <summary>Writes a file into <see cref="WorkDirectory"/> and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Environment, args);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
