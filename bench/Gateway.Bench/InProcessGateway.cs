using Gateway.Domain.Tenancy;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Server;
using Gateway.Server.Auth;
using Gateway.Storage;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench;

/// <summary>
/// The real gateway host, started in this process on 127.0.0.1 with a free port, SQLite in a
/// temporary folder and token keys generated for the run, in the Production environment.
/// </summary>
internal sealed class InProcessGateway : IAsyncDisposable
{
    // The server's token endpoint path; the type that declares it is internal to Gateway.Server.
    private const string TokenPath = "/connect/token";

    private readonly WebApplication app;
    private readonly HttpClient http;

    private InProcessGateway(WebApplication app, string dataDirectory, Uri address)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        Address = address;
        http = new HttpClient
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The HTTP/2 (h2c) address of gRPC and the token endpoint.</summary>
    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>Builds and starts the host; server warnings and errors go to standard error.</summary>
    public static async Task<InProcessGateway> StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-server-").FullName;
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var configuration = new Dictionary<string, string?>
        {
            ["Gateway:GrpcUrl"] = "http://127.0.0.1:0",
            ["Gateway:HttpUrl"] = "",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Auth:SigningKey"] = signingKey.ExportECPrivateKeyPem(),
            ["Auth:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:AllowInsecureHttp"] = "true",
        };

        var app = GatewayApplication.Build(["--environment", "Production"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

            // Keys of a throw-away data folder need no encryption at rest, so that warning is noise here.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        });
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessGateway(app, dataDirectory, new Uri(address));
    }

    /// <summary>
    /// Adds the LEA, registers a client for it with <paramref name="scopes"/> through
    /// <see cref="TenantAdministration"/>, and returns a channel that sends the client's token.
    /// </summary>
    public async Task<GrpcChannel> CreateLeaChannelAsync(string leaCode, string[] scopes, CancellationToken cancellationToken)
    {
        ClientCredentials client;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            await tenants.AddLeaAsync(leaCode, "Benchmark LEA", cancellationToken);
            client = await tenants.AddClientAsync("Benchmark SIS", [leaCode], scopes, GatewayScopes.All.ToList(), cancellationToken);
        }

        var token = await RequestTokenAsync(client, leaCode, scopes, cancellationToken);
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task<string> RequestTokenAsync(ClientCredentials client, string leaCode, string[] scopes, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            [GatewayClaims.Lea] = leaCode,
            ["scope"] = string.Join(' ', scopes),
        });
        using var response = await http.PostAsync(TokenPath, form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint rejected the benchmark client with {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
