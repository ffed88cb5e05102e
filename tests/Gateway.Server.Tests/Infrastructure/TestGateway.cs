using Gateway.Domain.Tenancy;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Gateway.Server.Auth;
using Gateway.Storage;
using Gateway.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Server.Tests.Infrastructure;

/// <summary>Settings of one <see cref="TestGateway"/>.</summary>
public sealed class TestGatewayOptions
{
    /// <summary>Configuration added on top of the test defaults (same keys as appsettings.json).</summary>
    public Dictionary<string, string?> Configuration { get; } = [];

    /// <summary>
    /// Host environment. Default <c>Production</c>, so keys come from configuration as they must
    /// outside Development.
    /// </summary>
    public string Environment { get; set; } = "Production";

    /// <summary>Clock of the host; null keeps the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// <c>Sqlite</c> (default) or <c>PostgreSql</c>. With PostgreSql and no
    /// <c>ConnectionStrings:Gateway</c> in <see cref="Configuration"/>, the gateway gets a new
    /// database on the shared test cluster; a restart keeps it.
    /// </summary>
    public string StorageProvider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Data folder to reuse; null creates a temporary one that is deleted on dispose.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Error-level log entries that are expected (matched by substring of the category or message).
    /// Any other error logged by the host fails the test at dispose.
    /// </summary>
    public List<string> ExpectedErrorLogs { get; } = [];
}

/// <summary>A registered API client of a test.</summary>
public sealed record TestClient(string ClientId, string ClientSecret);

/// <summary>
/// The real gateway host on Kestrel, bound to 127.0.0.1 on a free port, with SQLite in a temporary
/// folder and token signing keys from configuration, as in production. Tests reach it only through
/// a real <see cref="GrpcChannel"/> and real tokens from its token endpoint.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private static readonly Lazy<(string Signing, string Encryption)> Keys = new(() =>
        (GatewayKeys.CreateSigningPem(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TestGatewayOptions _options;
    private readonly bool _ownsDataDirectory;
    private readonly List<GrpcChannel> _channels = [];
    private readonly HttpClient _http;
    private WebApplication? _app;
    private int _port;

    private TestGateway(TestGatewayOptions options)
    {
        _options = options;
        _ownsDataDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("gateway-test-").FullName;
        _http = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The gRPC (HTTP/2) address, also serving the token endpoint.</summary>
    public Uri Address => new($"http://127.0.0.1:{_port}");

    public string DataDirectory { get; }

    /// <summary>The running host's services.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The gateway is not running.");

    /// <summary>Error-level entries the host has logged so far.</summary>
    public ConcurrentQueue<string> ErrorLogs { get; } = new();

    /// <summary>Starts a gateway; <paramref name="configure"/> adjusts its options.</summary>
    public static async Task<TestGateway> StartAsync(Action<TestGatewayOptions>? configure = null)
    {
        var options = new TestGatewayOptions();
        configure?.Invoke(options);
        options.Configuration["Storage:Provider"] = options.StorageProvider;
        if (options.StorageProvider == StorageProviders.PostgreSql && !options.Configuration.ContainsKey("ConnectionStrings:Gateway"))
        {
            var postgres = await PostgresServer.GetSharedAsync().WaitAsync(StartTimeout);
            options.Configuration["ConnectionStrings:Gateway"] = await postgres.CreateDatabaseAsync("gateway").WaitAsync(StartTimeout);
        }

        var gateway = new TestGateway(options);
        await gateway.StartHostAsync();
        return gateway;
    }

    /// <summary>
    /// Starts a gateway on <paramref name="storageProvider"/>, one of <see cref="StorageProviders"/>;
    /// suites that run once per provider call this.
    /// </summary>
    public static Task<TestGateway> StartAsync(string storageProvider, Action<TestGatewayOptions>? configure = null) =>
        StartAsync(options =>
        {
            options.StorageProvider = storageProvider;
            configure?.Invoke(options);
        });

    /// <summary>Adds an LEA through the admin service, as <c>gatewayctl lea add</c> does.</summary>
    public async Task CreateLeaAsync(string leaCode, string name = "Test LEA")
    {
        await using var scope = Services.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        if ((await tenants.ListLeasAsync(CancellationToken.None)).All(l => l.Code != leaCode))
        {
            await tenants.AddLeaAsync(leaCode, name, CancellationToken.None).WaitAsync(StartTimeout);
        }
    }

    /// <summary>Registers a client for the LEAs with the allowed scopes, as <c>gatewayctl client add</c> does.</summary>
    public async Task<TestClient> CreateClientAsync(IEnumerable<string> leaCodes, IEnumerable<string> scopes)
    {
        await using var scope = Services.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        var credentials = await tenants.AddClientAsync("Test SIS", leaCodes.ToList(), scopes.ToList(), GatewayScopes.All.ToList(), CancellationToken.None)
            .WaitAsync(StartTimeout);
        return new TestClient(credentials.ClientId, credentials.ClientSecret);
    }

    /// <summary>
    /// Requests a token from the real token endpoint. Throws <see cref="TokenRequestException"/>
    /// with the OAuth error when the endpoint rejects the request.
    /// </summary>
    public async Task<string> GetTokenAsync(TestClient client, string? lea, params string[] scopes)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
        };
        if (lea is not null)
        {
            form[GatewayClaims.Lea] = lea;
        }

        if (scopes.Length > 0)
        {
            form["scope"] = string.Join(' ', scopes);
        }

        using var response = await _http.PostAsync(new Uri(Address, TokenEndpoint.Path), new FormUrlEncodedContent(form)).WaitAsync(StartTimeout);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenRequestException(
                body.RootElement.GetProperty("error").GetString() ?? "",
                body.RootElement.TryGetProperty("error_description", out var description) ? description.GetString() ?? "" : "");
        }

        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A real gRPC channel to the gateway; with a token, every call carries it as a bearer token.</summary>
    public GrpcChannel CreateChannel(string? accessToken)
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 };
        if (accessToken is not null)
        {
            var credentials = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {accessToken}");
                return Task.CompletedTask;
            });
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials);
            options.UnsafeUseInsecureChannelCallCredentials = true;
        }

        var channel = GrpcChannel.ForAddress(Address, options);
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Creates the LEA if missing, a client for it with the scopes, a token and a channel.</summary>
    public async Task<GrpcChannel> CreateLeaChannelAsync(string leaCode, params string[] scopes)
    {
        await CreateLeaAsync(leaCode);
        var client = await CreateClientAsync([leaCode], scopes);
        return CreateChannel(await GetTokenAsync(client, leaCode, scopes));
    }

    /// <summary>Stops the host and starts it again on the same data folder and port.</summary>
    public async Task RestartAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    /// <summary>Stops the host, as a deployment or crash would; <see cref="RestartAsync"/> brings it back.</summary>
    public Task StopAsync() => StopHostAsync();

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        _http.Dispose();
        if (_ownsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finalizing connection only leaves a temporary folder behind.
            }
        }

        // Closes the idle connections of this gateway's database, so that test classes that ran
        // before do not hold PostgreSQL connections until the end of the run.
        if (_options.Configuration.TryGetValue("ConnectionStrings:Gateway", out var connectionString)
            && _options.StorageProvider == StorageProviders.PostgreSql && connectionString is not null)
        {
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        var unexpected = ErrorLogs.Where(e => !_options.ExpectedErrorLogs.Any(e.Contains)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException("The gateway logged unexpected errors:\n" + string.Join("\n", unexpected));
        }
    }

    private async Task StartHostAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Gateway:GrpcUrl"] = $"http://127.0.0.1:{_port}",
            ["Gateway:HttpUrl"] = "",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:SigningKey"] = Keys.Value.Signing,
            ["Auth:EncryptionKey"] = Keys.Value.Encryption,
            ["Auth:AllowInsecureHttp"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _options.Configuration)
        {
            configuration[key] = value;
        }

        _app = GatewayApplication.Build(["--environment", _options.Environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new ErrorCollectingLoggerProvider(ErrorLogs));
            if (_options.TimeProvider is not null)
            {
                builder.Services.AddSingleton(_options.TimeProvider);
            }
        });
        await _app.StartAsync().WaitAsync(StartTimeout);

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
    }

    private async Task StopHostAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        _channels.Clear();
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync().WaitAsync(StartTimeout);
        await _app.DisposeAsync();
        _app = null;
    }
}

/// <summary>The token endpoint rejected a request; <see cref="Error"/> is the OAuth error code.</summary>
public sealed class TokenRequestException(string error, string description)
    : Exception($"{error}: {description}")
{
    public string Error { get; } = error;

    public string Description { get; } = description;
}

/// <summary>Collects error-level log entries so a test fails on an unexpected server error.</summary>
internal sealed class ErrorCollectingLoggerProvider(ConcurrentQueue<string> errors) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ErrorCollectingLogger(categoryName, errors);

    public void Dispose()
    {
    }

    private sealed class ErrorCollectingLogger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
