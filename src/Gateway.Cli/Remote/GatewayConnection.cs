using System.Net;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;

namespace Gateway.Cli.Remote;

/// <summary>
/// A gRPC channel to the gateway whose calls carry a bearer token from the token endpoint. The
/// token is requested on first use and requested again shortly before it expires, so long-running
/// commands keep working. Plain http:// addresses use HTTP/2 without TLS (h2c).
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private const string TokenPath = "/connect/token";

    /// <summary>How long before its expiry a token is replaced.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly GatewaySettings settings;
    private readonly IReadOnlyList<string> scopes;
    private readonly TimeProvider timeProvider;
    private readonly HttpClient http;
    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private string? accessToken;
    private DateTimeOffset refreshAt;

    public GatewayConnection(GatewaySettings settings, IReadOnlyList<string> scopes, TimeProvider? timeProvider = null)
    {
        this.settings = settings;
        this.scopes = scopes;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        http = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var credentials = CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            var token = await GetAccessTokenAsync(context.CancellationToken);
            metadata.Add("Authorization", $"Bearer {token}");
        });
        Channel = GrpcChannel.ForAddress(settings.Address, new GrpcChannelOptions
        {
            HttpClient = http,
            DisposeHttpClient = false,
            Credentials = ChannelCredentials.Create(
                settings.Address.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
                credentials),
            UnsafeUseInsecureChannelCallCredentials = settings.Address.Scheme == Uri.UriSchemeHttp,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    public GrpcChannel Channel { get; }

    /// <summary>
    /// Returns a valid access token, requesting a new one when none is held or it expires within
    /// a minute. Throws <see cref="CliException"/> with the OAuth error when the endpoint rejects
    /// the request.
    /// </summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        await tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (accessToken is not null && timeProvider.GetUtcNow() < refreshAt)
            {
                return accessToken;
            }

            var (token, lifetime) = await RequestTokenAsync(cancellationToken);
            accessToken = token;
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            refreshAt = timeProvider.GetUtcNow() + lifetime - margin;
            return token;
        }
        finally
        {
            tokenLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Channel.Dispose();
        http.Dispose();
        tokenLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret,
            ["scope"] = string.Join(' ', scopes),
        };
        if (settings.Lea is not null)
        {
            form["lea"] = settings.Lea;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await http.PostAsync(new Uri(settings.Address, TokenPath), new FormUrlEncodedContent(form), timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw CliException.Server($"the token endpoint {new Uri(settings.Address, TokenPath)} returned HTTP {(int)response.StatusCode} without a JSON body.");
        }

        if (!response.IsSuccessStatusCode || !root.TryGetProperty("access_token", out var tokenElement))
        {
            var error = root.TryGetProperty("error", out var code) ? code.GetString() : $"HTTP {(int)response.StatusCode}";
            var description = root.TryGetProperty("error_description", out var text) ? text.GetString() : null;
            throw CliException.Server(
                $"the token request for client {settings.ClientId} (scopes {string.Join(' ', scopes)}" +
                (settings.Lea is null ? string.Empty : $", LEA {settings.Lea}") + $") failed: {error}" + (description is null ? "." : $": {description}"));
        }

        var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(5);
        return (tokenElement.GetString()!, lifetime);
    }
}
