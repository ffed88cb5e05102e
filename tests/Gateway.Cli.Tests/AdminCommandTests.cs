using Gateway.Domain.Tenancy;
using System.Text.Json;
using Gateway.Cli.Tests.Infrastructure;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;

namespace Gateway.Cli.Tests;

public sealed class AdminCommandTests : IDisposable
{
    private const string Lea = "19647330000000";
    private const string OtherLea = "01611190000000";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("gatewayctl-admin-").FullName;

    [Fact]
    public async Task LeaAdd_ThenList_ShowsLea()
    {
        var added = await CliRunner.RunAsync("lea", "add", Lea, "--name", "Example Unified", "--data-dir", dataDirectory);
        var listed = await CliRunner.RunAsync("lea", "list", "--json", "--data-dir", dataDirectory);

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains($"Added LEA {Lea} (Example Unified).", added.Output);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var leas = JsonDocument.Parse(listed.Output).RootElement;
        Assert.Equal(1, leas.GetArrayLength());
        Assert.Equal(Lea, leas[0].GetProperty("code").GetString());
        Assert.Equal("Example Unified", leas[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task LeaAdd_InvalidCode_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("lea", "add", "12345", "--name", "Short", "--data-dir", dataDirectory);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("expected exactly 14 digits", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task LeaAdd_DataDirFromEnvironment_UsesIt()
    {
        var environment = new Dictionary<string, string> { ["GATEWAY_DATA_DIR"] = dataDirectory };

        var added = await CliRunner.RunAsync(environment, "lea", "add", Lea, "--name", "Example Unified");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(File.Exists(Path.Combine(dataDirectory, "gateway.db")));
    }

    [Fact]
    public async Task MissingRequiredOption_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("lea", "add", Lea, "--data-dir", dataDirectory);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--name", result.Error);
    }

    [Fact]
    public async Task ClientList_HidesSecret()
    {
        await CliRunner.RunAsync("lea", "add", Lea, "--name", "Example Unified", "--data-dir", dataDirectory);
        await CliRunner.RunAsync("lea", "add", OtherLea, "--name", "Other Unified", "--data-dir", dataDirectory);

        var added = await CliRunner.RunAsync(
            "client", "add", "--name", "Example SIS", "--lea", Lea, "--lea", OtherLea,
            "--scope", "roster.write", "--scope", "pricing.read", "--json", "--data-dir", dataDirectory);
        var listed = await CliRunner.RunAsync("client", "list", "--json", "--data-dir", dataDirectory);
        var table = await CliRunner.RunAsync("client", "list", "--data-dir", dataDirectory);

        Assert.True(added.ExitCode == 0, added.ToString());
        var credentials = JsonDocument.Parse(added.Output).RootElement;
        var clientId = credentials.GetProperty("clientId").GetString()!;
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        Assert.Contains("cannot show it again", added.Error);
        var client = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray());
        Assert.Equal(clientId, client.GetProperty("clientId").GetString());
        Assert.Equal(new List<string> { OtherLea, Lea }, client.GetProperty("leas").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal(new List<string> { "pricing.read", "roster.write" }, client.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.DoesNotContain(secret, listed.Output);
        Assert.Contains(clientId, table.Output);
        Assert.DoesNotContain(secret, table.Output);
    }

    [Fact]
    public async Task ClientAdd_UnknownScope_ExitsWithUsageError()
    {
        await CliRunner.RunAsync("lea", "add", Lea, "--name", "Example Unified", "--data-dir", dataDirectory);

        var result = await CliRunner.RunAsync("client", "add", "--name", "SIS", "--lea", Lea, "--scope", "roster.delete", "--data-dir", dataDirectory);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("roster.delete", result.Error);
    }

    [Fact]
    public async Task ClientAdd_WithoutLea_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("client", "add", "--name", "SIS", "--scope", "roster.write", "--data-dir", dataDirectory);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--lea is required", result.Error);
    }

    [Fact]
    public async Task RotateAndRevoke_StopOldCredentials()
    {
        await using var gateway = await TestGateway.StartAsync(o => o.DataDirectory = dataDirectory);
        await CliRunner.RunAsync("lea", "add", Lea, "--name", "Example Unified", "--data-dir", dataDirectory);
        var added = await CliRunner.RunAsync(
            "client", "add", "--name", "SIS", "--lea", Lea, "--scope", GatewayScopes.RosterRead, "--json", "--data-dir", dataDirectory);
        var first = ReadCredentials(added.Output);

        var token = await gateway.GetTokenAsync(first, Lea, GatewayScopes.RosterRead);
        var rotated = await CliRunner.RunAsync("client", "rotate-secret", first.ClientId, "--json", "--data-dir", dataDirectory);
        var second = ReadCredentials(rotated.Output);
        var oldSecretError = await Assert.ThrowsAsync<TokenRequestException>(() => gateway.GetTokenAsync(first, Lea, GatewayScopes.RosterRead));
        var newToken = await gateway.GetTokenAsync(second, Lea, GatewayScopes.RosterRead);
        var revoked = await CliRunner.RunAsync("client", "revoke", first.ClientId, "--data-dir", dataDirectory);
        var revokedError = await Assert.ThrowsAsync<TokenRequestException>(() => gateway.GetTokenAsync(second, Lea, GatewayScopes.RosterRead));
        var listed = await CliRunner.RunAsync("client", "list", "--json", "--data-dir", dataDirectory);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.Equal(first.ClientId, second.ClientId);
        Assert.NotEqual(first.ClientSecret, second.ClientSecret);
        Assert.Equal("invalid_client", oldSecretError.Error);
        Assert.False(string.IsNullOrEmpty(newToken));
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal("invalid_client", revokedError.Error);
        var client = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.String, client.GetProperty("revokeTime").ValueKind);
    }

    [Fact]
    public async Task ClientRevoke_UnknownId_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("client", "revoke", "sis-missing", "--data-dir", dataDirectory);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("sis-missing does not exist", result.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing only leaves a temporary folder behind.
        }
    }

    private static TestClient ReadCredentials(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new TestClient(root.GetProperty("clientId").GetString()!, root.GetProperty("clientSecret").GetString()!);
    }
}
