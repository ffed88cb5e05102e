using Gateway.Domain.Tenancy;
using System.Text;
using System.Text.Json;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Server.Tests.Auth;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class TokenEndpointTests : IAsyncLifetime
{
    private const string Lea = "19647330000000";
    private const string OtherLea = "01611920000000";
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(o => o.StorageProvider = StorageProvider);
        await _gateway.CreateLeaAsync(Lea, "Example Unified");
        await _gateway.CreateLeaAsync(OtherLea, "Other Unified");
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    [Fact]
    public async Task Token_BoundToLeaAndRequestedScopes()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterWrite, GatewayScopes.RosterRead, GatewayScopes.PricingRead]);

        var token = await _gateway.GetTokenAsync(client, Lea, GatewayScopes.RosterWrite, GatewayScopes.PricingRead);

        var (header, payload) = DecodeJwt(token);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(Lea, payload.GetProperty("lea").GetString());
        Assert.Equal(client.ClientId, payload.GetProperty("sub").GetString());
        Assert.Equal("https://ssr-gateway.invalid/", payload.GetProperty("iss").GetString());
        Assert.Equal(["pricing.read", "roster.write"], Scopes(payload));
    }

    [Fact]
    public async Task Token_WithoutScopeParameter_GetsAllLeaScopes()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead, GatewayScopes.OrdersRead, GatewayScopes.FulfillmentPublish]);

        var token = await _gateway.GetTokenAsync(client, Lea);

        Assert.Equal(["orders.read", "roster.read"], Scopes(DecodeJwt(token).Payload));
    }

    [Fact]
    public async Task Token_ForUnregisteredLea_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, OtherLea, GatewayScopes.RosterRead));

        Assert.Equal("unauthorized_client", error.Error);
        Assert.Contains(OtherLea, error.Description);
    }

    [Fact]
    public async Task Token_ForScopeNotAllowed_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, Lea, GatewayScopes.RosterWrite));

        Assert.Equal("invalid_scope", error.Error);
        Assert.Contains(GatewayScopes.RosterWrite, error.Description);
    }

    [Fact]
    public async Task Token_ForUnknownScope_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, Lea, "roster.delete"));

        Assert.Equal("invalid_scope", error.Error);
    }

    [Fact]
    public async Task Token_LeaScopeWithoutLea_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, null, GatewayScopes.RosterRead));

        Assert.Equal("invalid_request", error.Error);
        Assert.Contains("'lea' parameter", error.Description);
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("lea")]
    public async Task Token_RepeatedParameter_Rejected(string parameter)
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead, GatewayScopes.RosterWrite]);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.ClientSecret),
            new("lea", Lea),
            new("scope", GatewayScopes.RosterRead),
            new(parameter, parameter == "lea" ? OtherLea : GatewayScopes.RosterWrite),
        };

        var (status, body) = await PostTokenFormAsync(form);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains($"'{parameter}' parameter is given more than once", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_FormWithNul_InvalidRequest()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var (status, body) = await PostTokenFormAsync(
        [
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.ClientSecret),
            new("lea", Lea),
            new("scope", "roster.read\0x"),
        ]);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_MalformedLea_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, "1964733", GatewayScopes.RosterRead));

        Assert.Equal("invalid_request", error.Error);
        Assert.Contains("14 digits", error.Description);
    }

    [Fact]
    public async Task Token_FulfillmentIsNotBoundToLea()
    {
        var vendor = await _gateway.CreateClientAsync([], [GatewayScopes.FulfillmentPublish]);

        var token = await _gateway.GetTokenAsync(vendor, null, GatewayScopes.FulfillmentPublish);
        var withLea = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(vendor, Lea, GatewayScopes.FulfillmentPublish));

        var payload = DecodeJwt(token).Payload;
        Assert.False(payload.TryGetProperty("lea", out _));
        Assert.Equal(["fulfillment.publish"], Scopes(payload));
        Assert.Equal("invalid_scope", withLea.Error);
    }

    [Fact]
    public async Task Token_WrongSecret_Rejected()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        var error = await Assert.ThrowsAsync<TokenRequestException>(
            () => _gateway.GetTokenAsync(client with { ClientSecret = "not-the-secret" }, Lea, GatewayScopes.RosterRead));

        Assert.Equal("invalid_client", error.Error);
    }

    [Fact]
    public async Task RevokedClient_CannotGetTokens()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);
        await _gateway.GetTokenAsync(client, Lea, GatewayScopes.RosterRead);

        await using (var scope = _gateway.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Gateway.Storage.TenantAdministration>().RevokeClientAsync(client.ClientId, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, Lea, GatewayScopes.RosterRead));
        Assert.Equal("invalid_client", error.Error);
    }

    [Fact]
    public async Task RotatedSecret_ReplacesOldOne()
    {
        var client = await _gateway.CreateClientAsync([Lea], [GatewayScopes.RosterRead]);

        Gateway.Storage.ClientCredentials rotated;
        await using (var scope = _gateway.Services.CreateAsyncScope())
        {
            rotated = await scope.ServiceProvider.GetRequiredService<Gateway.Storage.TenantAdministration>().RotateSecretAsync(client.ClientId, CancellationToken.None);
        }

        var old = await Assert.ThrowsAsync<TokenRequestException>(() => _gateway.GetTokenAsync(client, Lea, GatewayScopes.RosterRead));
        var token = await _gateway.GetTokenAsync(new TestClient(rotated.ClientId, rotated.ClientSecret), Lea, GatewayScopes.RosterRead);
        Assert.Equal("invalid_client", old.Error);
        Assert.NotEmpty(token);
        Assert.NotEqual(client.ClientSecret, rotated.ClientSecret);
    }

    private async Task<(int Status, JsonElement Body)> PostTokenFormAsync(IEnumerable<KeyValuePair<string, string>> form)
    {
        using var http = new HttpClient
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.PostAsync(new Uri(_gateway.Address, TokenEndpoint.Path), new FormUrlEncodedContent(form))
            .WaitAsync(TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static (JsonElement Header, JsonElement Payload) DecodeJwt(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Decode(parts[0]), Decode(parts[1]));

        static JsonElement Decode(string part)
        {
            var padded = part.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded))).RootElement.Clone();
        }
    }

    private static string[] Scopes(JsonElement payload) =>
        payload.GetProperty("scope").ValueKind == JsonValueKind.Array
            ? payload.GetProperty("scope").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal).ToArray()
            : payload.GetProperty("scope").GetString()!.Split(' ').Order(StringComparer.Ordinal).ToArray();
}

public sealed class TokenEndpointSqliteTests : TokenEndpointTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class TokenEndpointPostgreSqlTests : TokenEndpointTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
