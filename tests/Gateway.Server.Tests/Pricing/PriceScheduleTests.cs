using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using SsrGateway.V1;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Pricing;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class PriceScheduleTests
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private static async Task<PriceSchedule> GetAsync(TestGateway gateway, Assessment assessment)
    {
        var client = new PricingService.PricingServiceClient(await gateway.CreateLeaChannelAsync(Lea, GatewayScopes.PricingRead));
        var request = new GetPriceScheduleRequest { Administration = new Administration { SchoolYear = "2025-26", Assessment = assessment } };
        return (await client.GetPriceScheduleAsync(request).ResponseAsync.WaitAsync(CallTimeout)).Schedule;
    }

    [Theory]
    [InlineData(Assessment.SummativeElpac)]
    [InlineData(Assessment.InitialElpac)]
    public async Task Schedule_Defaults(Assessment assessment)
    {
        await using var gateway = await TestGateway.StartAsync(StorageProvider);

        var schedule = await GetAsync(gateway, assessment);

        Assert.Equal(("USD", 1L, 0), (schedule.SetPrice.CurrencyCode, schedule.SetPrice.Units, schedule.SetPrice.Nanos));
        Assert.Equal(("USD", 0L, 250_000_000), (schedule.TextedLinkPrice.CurrencyCode, schedule.TextedLinkPrice.Units, schedule.TextedLinkPrice.Nanos));
        Assert.Equal([VideoLanguage.Spanish, VideoLanguage.Vietnamese, VideoLanguage.Mandarin, VideoLanguage.Filipino], schedule.OfferedPrimaryLanguages);
        Assert.Equal((2025, 7, 1), (schedule.OrderWindow.FirstDay.Year, schedule.OrderWindow.FirstDay.Month, schedule.OrderWindow.FirstDay.Day));
        Assert.Equal((2026, 6, 30), (schedule.OrderWindow.LastDay.Year, schedule.OrderWindow.LastDay.Month, schedule.OrderWindow.LastDay.Day));
        Assert.Equal("America/Los_Angeles", schedule.OrderWindow.TimeZone);
        Assert.Equal(assessment, schedule.Administration.Assessment);
    }

    [Fact]
    public async Task Schedule_FromConfiguration()
    {
        await using var gateway = await TestGateway.StartAsync(StorageProvider, o =>
        {
            o.Configuration["Gateway:Pricing:SetPrice"] = "1.10";
            o.Configuration["Gateway:Pricing:TextedLinkPrice"] = "0.333";
            o.Configuration["Gateway:Pricing:ReplaceOfferedPrimaryLanguages:0"] = "Spanish";
            o.Configuration["Gateway:Pricing:InitialElpacWindow:LastDayMonth"] = "5";
            o.Configuration["Gateway:Pricing:InitialElpacWindow:LastDayDay"] = "15";
        });

        var schedule = await GetAsync(gateway, Assessment.InitialElpac);

        Assert.Equal((1L, 100_000_000), (schedule.SetPrice.Units, schedule.SetPrice.Nanos));
        Assert.Equal((0L, 333_000_000), (schedule.TextedLinkPrice.Units, schedule.TextedLinkPrice.Nanos));
        Assert.Equal([VideoLanguage.Spanish], schedule.OfferedPrimaryLanguages);
        Assert.Equal((2026, 5, 15), (schedule.OrderWindow.LastDay.Year, schedule.OrderWindow.LastDay.Month, schedule.OrderWindow.LastDay.Day));
    }

    [Fact]
    public async Task Languages_FromConfiguration()
    {
        await using var gateway = await TestGateway.StartAsync(StorageProvider, o => o.Configuration["Gateway:Languages:Codes:YUE"] = "Mandarin");
        var channel = await gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);

        await UploadAsync(channel, Header("yue"), [Student("1000000001", languageCode: "yue"), Student("1000000002", languageCode: "SPA")]);
        var roster = new RosterService.RosterServiceClient(channel);
        var list = await roster.ListStudentsAsync(new ListStudentsRequest { Administration = Summative }).ResponseAsync.WaitAsync(CallTimeout);

        Assert.Equal([VideoLanguage.Mandarin, VideoLanguage.Spanish], list.Students.Select(s => s.PrimaryVideoLanguage));
    }

    [Fact]
    public async Task Languages_NotOfferedStoredAsEnglish()
    {
        await using var gateway = await TestGateway.StartAsync(o => o.Configuration["Gateway:Pricing:ReplaceOfferedPrimaryLanguages:0"] = "Spanish");
        var channel = await gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);

        await UploadAsync(channel, Header("offered"), [Student("1000000001", languageCode: "VIE"), Student("1000000002", languageCode: "01")]);
        var roster = new RosterService.RosterServiceClient(channel);
        var list = await roster.ListStudentsAsync(new ListStudentsRequest { Administration = Summative }).ResponseAsync.WaitAsync(CallTimeout);

        Assert.Equal([VideoLanguage.English, VideoLanguage.Spanish], list.Students.Select(s => s.PrimaryVideoLanguage));
        Assert.Equal("VIE", list.Students[0].PrimaryLanguageCode);
    }
}

public sealed class PriceScheduleSqliteTests : PriceScheduleTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class PriceSchedulePostgreSqlTests : PriceScheduleTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
