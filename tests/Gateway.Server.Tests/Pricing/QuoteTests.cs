using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Pricing;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage.Tenancy;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Pricing;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class QuoteTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;
    private GrpcChannel _roster = null!;
    private PricingService.PricingServiceClient _pricing = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider, o => o.TimeProvider = _time);
        _roster = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite);
        _pricing = new PricingService.PricingServiceClient(await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.PricingRead));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    // The worked example has Spanish, Cantonese (no video) and English speakers. The Cantonese
    // student's only guardian has a toll-free number, so two of three get texted links.
    private Task<RosterUpload> UploadExampleAsync(string key = "example") => UploadAsync(_roster, Header(key),
    [
        Student("1000000001", languageCode: "01"),
        Student("1000000002", languageCode: "03", phone: "800-555-0199"),
        Student("1000000003", languageCode: "00", phone: "(510) 555-0143"),
    ]);

    private async Task<Quote> QuoteAsync(StudentSelection? selection = null, bool texted = true, PricingService.PricingServiceClient? client = null)
    {
        var request = new QuoteOrderRequest { Administration = Summative, Selection = selection ?? new StudentSelection(), TextedLinks = texted };
        return (await (client ?? _pricing).QuoteOrderAsync(request).ResponseAsync.WaitAsync(CallTimeout)).Quote;
    }

    private static decimal Amount(Google.Type.Money money)
    {
        Assert.Equal("USD", money.CurrencyCode);
        return money.Units + (money.Nanos / 1_000_000_000m);
    }

    [Fact]
    public async Task Quote_WorkedExample()
    {
        await UploadExampleAsync();

        var quote = await QuoteAsync();

        Assert.Equal(3, quote.SetCount);
        Assert.Equal([(VideoLanguage.English, 3), (VideoLanguage.Spanish, 1)], quote.VideosByLanguage.Select(v => (v.Language, v.Count)));
        Assert.Equal(2, quote.TextedLinkCount);
        Assert.Equal(2, quote.LineItems.Count);
        Assert.Equal((LineItemKind.VideoSet, 3, 1.00m, 3.00m), (quote.LineItems[0].Kind, quote.LineItems[0].Quantity, Amount(quote.LineItems[0].UnitPrice), Amount(quote.LineItems[0].Amount)));
        Assert.Equal((LineItemKind.TextedLink, 2, 0.25m, 0.50m), (quote.LineItems[1].Kind, quote.LineItems[1].Quantity, Amount(quote.LineItems[1].UnitPrice), Amount(quote.LineItems[1].Amount)));
        Assert.Equal(3L, quote.Total.Units);
        Assert.Equal(500_000_000, quote.Total.Nanos);
        var excluded = Assert.Single(quote.ExcludedStudents);
        Assert.Equal(("1000000002", ExclusionReason.NoTextableMobile, true), (excluded.Ssid, excluded.Reason, excluded.TextedLinkOnly));
        Assert.Equal(1, quote.RosterVersion);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), quote.ExpireTime.ToDateTimeOffset());
        Assert.NotEmpty(quote.QuoteId);
    }

    [Fact]
    public async Task Quote_CachedUntilRosterChanges()
    {
        await UploadExampleAsync();
        var first = await QuoteAsync();

        var repeated = await QuoteAsync();
        await UploadAsync(_roster, Header("more", UploadMode.Delta), [Student("1000000004", languageCode: "VIE")]);
        var fresh = await QuoteAsync();

        Assert.Equal(first.QuoteId, repeated.QuoteId);
        Assert.NotEqual(first.QuoteId, fresh.QuoteId);
        Assert.Equal(2, fresh.RosterVersion);
        Assert.Equal(4, fresh.SetCount);
        Assert.Equal(3, fresh.TextedLinkCount);
        Assert.Equal(4.75m, Amount(fresh.Total));
        Assert.Equal([(VideoLanguage.English, 4), (VideoLanguage.Spanish, 1), (VideoLanguage.Vietnamese, 1)], fresh.VideosByLanguage.Select(v => (v.Language, v.Count)));
    }

    [Fact]
    public async Task Quote_FoundByIdForOwnLeaOnly()
    {
        await UploadExampleAsync();
        var quote = await QuoteAsync();

        var found = await FindAsync(Lea, quote.QuoteId);
        var foreign = await FindAsync(OtherLea, quote.QuoteId);
        var missing = await FindAsync(Lea, "no-such-quote");
        var version = await WithQuoteServiceAsync(Lea, q => q.GetRosterVersionAsync(new Domain.Administration("2025-26", Domain.Assessment.SummativeElpac), CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(31));
        var expired = await FindAsync(Lea, quote.QuoteId);

        Assert.Equal(quote, found);
        Assert.Null(foreign);
        Assert.Null(missing);
        Assert.Equal(1, version);
        Assert.Null(expired);
    }

    [Fact]
    public async Task Quote_FoundAfterRestart()
    {
        await UploadExampleAsync();
        var quote = await QuoteAsync();

        await _gateway.RestartAsync();
        var found = await FindAsync(Lea, quote.QuoteId);
        var foreign = await FindAsync(OtherLea, quote.QuoteId);
        _time.Advance(TimeSpan.FromMinutes(31));
        var expired = await FindAsync(Lea, quote.QuoteId);

        Assert.Equal(quote, found);
        Assert.Null(foreign);
        Assert.Null(expired);
    }

    [Fact]
    public async Task Quote_AfterHalfLifetimeIsFresh()
    {
        await UploadExampleAsync();
        var first = await QuoteAsync();

        _time.Advance(TimeSpan.FromMinutes(16));
        var second = await QuoteAsync();

        Assert.NotEqual(first.QuoteId, second.QuoteId);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), second.ExpireTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task Quote_ExplicitSsids()
    {
        await UploadExampleAsync();

        var quote = await QuoteAsync(new StudentSelection { Ssids = { "1000000003", " 1000000001", "1000000009", "1000000003" } });

        Assert.Equal(2, quote.SetCount);
        Assert.Equal(2.50m, Amount(quote.Total));
        Assert.Equal(["1000000001", "1000000003", "1000000003", "1000000009"], quote.Selection.Ssids);
        Assert.Equal(
            [("1000000009", ExclusionReason.NotOnRoster, false), ("1000000003", ExclusionReason.DuplicateInSelection, false)],
            quote.ExcludedStudents.Select(e => (e.Ssid, e.Reason, e.TextedLinkOnly)));
    }

    [Fact]
    public async Task Quote_LongSsidList()
    {
        // SQLite allows at most 32,766 parameters in one statement.
        await UploadExampleAsync();
        var ssids = Enumerable.Range(0, 40_000).Select(i => (1_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        ssids.Add("1000000002");

        var quote = await QuoteAsync(new StudentSelection { Ssids = { ssids } });

        Assert.Equal(3, quote.SetCount);
        Assert.Equal(2, quote.TextedLinkCount);
        Assert.Equal(3.50m, Amount(quote.Total));
        Assert.Equal(40_001, quote.Selection.Ssids.Count);
        var reasons = quote.ExcludedStudents.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(39_997, reasons[ExclusionReason.NotOnRoster]);
        Assert.Equal(1, reasons[ExclusionReason.DuplicateInSelection]);
        Assert.Equal(1, reasons[ExclusionReason.NoTextableMobile]);
        Assert.DoesNotContain(quote.ExcludedStudents, e => e.Reason == ExclusionReason.NotOnRoster && e.Ssid == "1000000001");
    }

    [Fact]
    public async Task Quote_RejectsTooManySsids()
    {
        var selection = new StudentSelection();
        selection.Ssids.AddRange(Enumerable.Repeat("1000000001", QuoteService.MaxSelectedSsids + 1));

        var error = await ThrowsRpcAsync(() => QuoteAsync(selection), StatusCode.InvalidArgument);

        Assert.Equal(["selection.ssids"], ViolationFields(error));
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Contains("at most 200000", violation.Description);
    }

    [Fact]
    public async Task Quote_Filters()
    {
        await UploadExampleAsync();

        var spanish = await QuoteAsync(new StudentSelection { VideoLanguages = { VideoLanguage.Spanish } }, texted: false);
        var englishOnly = await QuoteAsync(new StudentSelection { VideoLanguages = { VideoLanguage.English } }, texted: false);
        var otherSchool = await QuoteAsync(new StudentSelection { SchoolCdsCodes = { OtherSchool } });

        Assert.Equal(1, spanish.SetCount);
        Assert.Single(spanish.LineItems);
        Assert.Equal(2, englishOnly.SetCount);
        Assert.Equal(2.00m, Amount(englishOnly.Total));
        Assert.Equal(0, otherSchool.SetCount);
        Assert.Equal(0m, Amount(otherSchool.Total));
    }

    [Fact]
    public async Task Quote_RejectsBadSelection()
    {
        var mixed = await ThrowsRpcAsync(() => QuoteAsync(new StudentSelection { Ssids = { "1000000001" }, Grades = { "05" } }), StatusCode.InvalidArgument);
        var ssid = await ThrowsRpcAsync(() => QuoteAsync(new StudentSelection { Ssids = { "1000000001", "12" } }), StatusCode.InvalidArgument);
        var grade = await ThrowsRpcAsync(() => QuoteAsync(new StudentSelection { Grades = { "13" } }), StatusCode.InvalidArgument);
        var administration = await ThrowsRpcAsync(() => _pricing.QuoteOrderAsync(new QuoteOrderRequest()).ResponseAsync, StatusCode.InvalidArgument);

        Assert.Equal(["selection.ssids"], ViolationFields(mixed));
        Assert.Equal(["selection.ssids[1]"], ViolationFields(ssid));
        Assert.Equal(["selection.grades[0]"], ViolationFields(grade));
        Assert.Equal(["administration"], ViolationFields(administration));
    }

    [Fact]
    public async Task Quote_NeedsPricingScope()
    {
        var reader = new PricingService.PricingServiceClient(await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterRead));

        await ThrowsRpcAsync(() => QuoteAsync(client: reader), StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Quote_OtherLeaSeesOwnRoster()
    {
        await UploadExampleAsync();
        var other = new PricingService.PricingServiceClient(await _gateway.CreateLeaChannelAsync(OtherLea, GatewayScopes.PricingRead));

        var quote = await QuoteAsync(new StudentSelection { Ssids = { "1000000001" } }, client: other);

        Assert.Equal(0, quote.SetCount);
        Assert.Equal(0, quote.RosterVersion);
        Assert.Equal(ExclusionReason.NotOnRoster, Assert.Single(quote.ExcludedStudents).Reason);
    }

    private Task<Quote?> FindAsync(string lea, string quoteId) =>
        WithQuoteServiceAsync(lea, q => q.FindQuoteAsync(quoteId, CancellationToken.None));

    private async Task<T> WithQuoteServiceAsync<T>(string lea, Func<QuoteService, Task<T>> use)
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = lea;
        return await use(scope.ServiceProvider.GetRequiredService<QuoteService>()).WaitAsync(CallTimeout);
    }
}

public sealed class QuoteSqliteTests : QuoteTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class QuotePostgreSqlTests : QuoteTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
