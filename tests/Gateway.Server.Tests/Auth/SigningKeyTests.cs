using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using SsrGateway.V1;

namespace Gateway.Server.Tests.Auth;

public sealed class SigningKeyTests
{
    private const string Lea = "19647330000000";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Production_WithoutKeys_FailsAtStartup()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-keys-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => GatewayApplication.Build(["--environment", "Production"], builder =>
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Gateway:GrpcUrl"] = "http://127.0.0.1:0",
                    ["Gateway:HttpUrl"] = "",
                    ["Storage:DataDirectory"] = folder,
                    ["Auth:SigningKey"] = "",
                    ["Auth:EncryptionKey"] = "",
                })));

            Assert.Contains("Auth:SigningKey", error.Message);
            Assert.Contains("Auth:EncryptionKey", error.Message);
            Assert.False(Directory.Exists(Path.Combine(folder, "keys")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Production_WithMalformedSigningKey_FailsAtStartup()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayApplication.Build(["--environment", "Production"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gateway:GrpcUrl"] = "http://127.0.0.1:0",
                ["Auth:SigningKey"] = "-----BEGIN EC PRIVATE KEY-----\nnot a key\n-----END EC PRIVATE KEY-----",
                ["Auth:EncryptionKey"] = Convert.ToBase64String(new byte[32]),
            })));

        Assert.Contains("Auth:SigningKey", error.Message);
    }

    [Fact]
    public async Task Development_PersistsGeneratedKeys_TokensSurviveRestart()
    {
        await using var gateway = await TestGateway.StartAsync(o =>
        {
            o.Environment = "Development";
            o.Configuration["Auth:SigningKey"] = "";
            o.Configuration["Auth:EncryptionKey"] = "";
        });
        await gateway.CreateLeaAsync(Lea);
        var client = await gateway.CreateClientAsync([Lea], [GatewayScopes.PricingRead]);
        var token = await gateway.GetTokenAsync(client, Lea, GatewayScopes.PricingRead);
        var keyFile = Path.Combine(gateway.DataDirectory, "keys", "signing-key.pem");
        var keyBefore = await File.ReadAllTextAsync(keyFile);

        await gateway.RestartAsync();
        var pricing = new PricingService.PricingServiceClient(gateway.CreateChannel(token));
        var schedule = await pricing.GetPriceScheduleAsync(new GetPriceScheduleRequest
        {
            Administration = new Administration { SchoolYear = "2026-27", Assessment = Assessment.SummativeElpac },
        }).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal(keyBefore, await File.ReadAllTextAsync(keyFile));
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", keyBefore);
        Assert.Equal(1, schedule.Schedule.SetPrice.Units);
    }
}
