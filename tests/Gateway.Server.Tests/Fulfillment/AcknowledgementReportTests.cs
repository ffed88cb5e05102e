using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Feed;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Server.Tests.Orders;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Fulfillment;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class AcknowledgementReportTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private const string Lea = OrderHarness.Lea;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 17, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider, o => o.TimeProvider = _clock);
        await _gateway.CreateLeaAsync(Lea);
        await OrderHarness.UploadRosterAsync(_gateway, Lea, OrderHarness.Summative(), [
            new("1000000001", OrderHarness.SchoolA, "01", Textable: true, "P-1"),
            new("1000000002", OrderHarness.SchoolA, "00", Textable: false, "P-2"),
            new("1000000003", OrderHarness.SchoolB, "02", Textable: true, "P-3"),
            new("1000000004", OrderHarness.SchoolB, "00", Textable: false)]);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task AcknowledgementsAndReport_MatchHandCounts()
    {
        var orders = await OrderHarness.CreateOrderClientAsync(_gateway);
        await orders.PlaceOrderAsync(OrderHarness.SelectionOrder("r1", OrderHarness.Summative(), true, "1000000001", "1000000002", "1000000003")).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var cancelled = (await orders.PlaceOrderAsync(OrderHarness.SelectionOrder("r2", OrderHarness.Summative(), false, "1000000004")).ResponseAsync.WaitAsync(OrderHarness.TestTimeout)).Order;
        await orders.CancelOrderAsync(new CancelOrderRequest { OrderId = cancelled.OrderId }).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        // Sequences: 1 = 0001 English, 2 = 0001 Spanish, 3 = 0002 English, 4 = 0003 English,
        // 5 = 0003 Vietnamese, 6 = replacement of 0001 English, 7 = revoke of 0003 Vietnamese.
        await FeedHarness.PublishAsync(vendor, [
            FeedHarness.Link("1000000001", VideoLanguage.English), FeedHarness.Link("1000000001", VideoLanguage.Spanish),
            FeedHarness.Link("1000000002", VideoLanguage.English), FeedHarness.Link("1000000003", VideoLanguage.English),
            FeedHarness.Link("1000000003", VideoLanguage.Vietnamese)]);
        await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000001", VideoLanguage.English, $"https://{FeedHarness.Host}/v2")]);
        var revoke = new RevokeVideoLinksRequest();
        revoke.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = OrderHarness.Summative(), Ssid = "1000000003", Language = SsrGateway.V1.VideoLanguage.Vietnamese });
        await vendor.RevokeVideoLinksAsync(revoke).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.LinksAcknowledge, GatewayScopes.OrdersRead);
        var feed = new LinkFeedService.LinkFeedServiceClient(channel);

        var request = new AcknowledgeLinkUpdatesRequest();
        request.Acknowledgements.Add(Ack(1, written: true));
        request.Acknowledgements.Add(Ack(6, written: true));
        request.Acknowledgements.Add(Ack(2, written: false, "portal account not found"));
        request.Acknowledgements.Add(Ack(3, written: false, "portal account not found"));
        request.Acknowledgements.Add(Ack(4, written: false, "field too short"));
        request.Acknowledgements.Add(Ack(7, written: true));
        request.Acknowledgements.Add(Ack(99, written: true));
        request.Acknowledgements.Add(Ack(5, written: false));
        var first = await feed.AcknowledgeLinkUpdatesAsync(request).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var repeated = await feed.AcknowledgeLinkUpdatesAsync(request).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var report = (await new OrderService.OrderServiceClient(channel)
            .GetDistributionReportAsync(new GetDistributionReportRequest { Administration = OrderHarness.Summative() }).ResponseAsync.WaitAsync(OrderHarness.TestTimeout)).Report;

        Assert.Equal(6, first.RecordedCount);
        Assert.Equal(2, first.RejectedCount);
        Assert.Equal(AcknowledgementResult.UnknownSequence, first.Outcomes[6].Result);
        Assert.Equal(AcknowledgementResult.Invalid, first.Outcomes[7].Result);
        Assert.Equal(0, repeated.RecordedCount);
        Assert.Equal(6, repeated.UnchangedCount);

        // School A: students 0001 (texted) and 0002; links 0001 English (latest 6, written),
        // 0001 Spanish (2, failed), 0002 English (3, failed). Sequence 1 is no longer a latest update.
        var schoolA = report.Schools.Single(s => s.SchoolCdsCode == OrderHarness.SchoolA);
        Assert.Equal(2, schoolA.StudentsOrdered);
        Assert.Equal(2, schoolA.Sets);
        Assert.Equal(1, schoolA.TextedLinks);
        Assert.Equal(3, schoolA.LinksPublished);
        Assert.Equal(3, schoolA.LinksAvailable);
        Assert.Equal(1, schoolA.LinksWritten);
        Assert.Equal(2, schoolA.LinksFailed);
        Assert.Equal("portal account not found", Assert.Single(schoolA.FailureReasons).Reason);

        // School B: student 0003 (texted); 0004 was cancelled. Links 0003 English (4, failed) and
        // 0003 Vietnamese (revoked at 7, written).
        var schoolB = report.Schools.Single(s => s.SchoolCdsCode == OrderHarness.SchoolB);
        Assert.Equal(1, schoolB.StudentsOrdered);
        Assert.Equal(1, schoolB.Sets);
        Assert.Equal(1, schoolB.TextedLinks);
        Assert.Equal(2, schoolB.LinksPublished);
        Assert.Equal(1, schoolB.LinksAvailable);
        Assert.Equal(1, schoolB.LinksWritten);
        Assert.Equal(1, schoolB.LinksFailed);

        Assert.Equal(3, report.Total.StudentsOrdered);
        Assert.Equal(3, report.Total.Sets);
        Assert.Equal(2, report.Total.TextedLinks);
        Assert.Equal(5, report.Total.LinksPublished);
        Assert.Equal(4, report.Total.LinksAvailable);
        Assert.Equal(2, report.Total.LinksWritten);
        Assert.Equal(3, report.Total.LinksFailed);
        Assert.Equal([("field too short", 1), ("portal account not found", 2)], report.Total.FailureReasons.Select(r => (r.Reason, r.Count)));
    }

    [Fact]
    public async Task Mapping_Updated_ChangesFeedWrites()
    {
        var channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.LinksAcknowledge, GatewayScopes.LinksRead);
        var feed = new LinkFeedService.LinkFeedServiceClient(channel);
        var defaults = (await feed.GetPortalFieldMappingAsync(new GetPortalFieldMappingRequest()).ResponseAsync.WaitAsync(OrderHarness.TestTimeout)).Mapping;
        var invalid = new PortalFieldMapping { EnglishLinkField = "bad key!", PrimaryLanguageLinkField = "same", LabelField = "same" };
        var error = await Assert.ThrowsAsync<RpcException>(() => feed.UpdatePortalFieldMappingAsync(new UpdatePortalFieldMappingRequest { Mapping = invalid }).ResponseAsync.WaitAsync(OrderHarness.TestTimeout));
        var mapping = new PortalFieldMapping { EnglishLinkField = "video_en", PrimaryLanguageLinkField = "video_home", LabelField = "video_home_label" };
        await feed.UpdatePortalFieldMappingAsync(new UpdatePortalFieldMappingRequest { Mapping = mapping }).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var stored = (await feed.GetPortalFieldMappingAsync(new GetPortalFieldMappingRequest()).ResponseAsync.WaitAsync(OrderHarness.TestTimeout)).Mapping;

        var orders = await OrderHarness.CreateOrderClientAsync(_gateway);
        await orders.PlaceOrderAsync(OrderHarness.SelectionOrder("m1", OrderHarness.Summative(), false, "1000000001")).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000001", VideoLanguage.Spanish)]);
        using var watch = feed.WatchLinkUpdates(FeedHarness.FromBeginning());
        var update = (await FeedHarness.ReadUpdatesAsync(watch.ResponseStream, 1)).Single(r => r.Update is not null).Update;

        Assert.True(defaults.IsDefault);
        Assert.Equal("ssr_video_url_en", defaults.EnglishLinkField);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["mapping.english_link_field", "mapping.label_field"], violations);
        Assert.False(stored.IsDefault);
        Assert.Equal("video_home", stored.PrimaryLanguageLinkField);
        Assert.Equal(["video_home", "video_home_label"], update.PortalFieldWrites.Keys.Order());
        Assert.Equal("Informe de puntuación en video (español)", update.PortalFieldWrites["video_home_label"]);
    }

    [Fact]
    public async Task Acknowledge_ReasonWithControlCharacter_Invalid()
    {
        var orders = await OrderHarness.CreateOrderClientAsync(_gateway);
        await orders.PlaceOrderAsync(OrderHarness.SelectionOrder("c1", OrderHarness.Summative(), false, "1000000002")).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000002", VideoLanguage.English)]);
        var channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.LinksAcknowledge);
        var feed = new LinkFeedService.LinkFeedServiceClient(channel);
        string[] reasons = ["bad\0reason", "no \u202Eaccount", "tab\tinside", "line\u2028break", "escape\u001b[31m"];
        string[] codes = ["U+0000", "U+202E", "U+0009", "U+2028", "U+001B"];

        var request = new AcknowledgeLinkUpdatesRequest();
        request.Acknowledgements.AddRange(reasons.Select(r => Ack(1, written: false, r)));
        request.Acknowledgements.Add(Ack(1, written: false, "portal account not found"));
        var response = await feed.AcknowledgeLinkUpdatesAsync(request).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);

        Assert.Equal(reasons.Length, response.RejectedCount);
        Assert.Equal(1, response.RecordedCount);
        for (var i = 0; i < reasons.Length; i++)
        {
            Assert.Equal(AcknowledgementResult.Invalid, response.Outcomes[i].Result);
            Assert.StartsWith($"acknowledgements[{i}]:", response.Outcomes[i].Detail);
            Assert.Contains(codes[i], response.Outcomes[i].Detail);
        }

        Assert.Equal(AcknowledgementResult.Recorded, response.Outcomes[^1].Result);
    }

    [Fact]
    public async Task Publish_AfterRosterChange_UsesCurrentPortalAccounts()
    {
        var orders = await OrderHarness.CreateOrderClientAsync(_gateway);
        await orders.PlaceOrderAsync(OrderHarness.SelectionOrder("p1", OrderHarness.Summative(), false, "1000000001")).ResponseAsync.WaitAsync(OrderHarness.TestTimeout);
        await OrderHarness.UploadRosterAsync(_gateway, Lea, OrderHarness.Summative(), [new("1000000001", OrderHarness.SchoolB, "01", Textable: true, "P-NEW")]);
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000001", VideoLanguage.English)]);
        var channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.LinksRead);
        using var watch = new LinkFeedService.LinkFeedServiceClient(channel).WatchLinkUpdates(FeedHarness.FromBeginning());

        var update = (await FeedHarness.ReadUpdatesAsync(watch.ResponseStream, 1)).Single(r => r.Update is not null).Update;

        Assert.Equal(["P-NEW"], update.GuardianPortalAccountIds);
        Assert.Equal(OrderHarness.SchoolB, update.SchoolCdsCode);
    }

    private static LinkAcknowledgement Ack(long sequence, bool written, string reason = "") => new()
    {
        Sequence = sequence,
        Status = written ? AcknowledgementStatus.Written : AcknowledgementStatus.Failed,
        Reason = reason,
    };
}

public sealed class AcknowledgementReportSqliteTests : AcknowledgementReportTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class AcknowledgementReportPostgreSqlTests : AcknowledgementReportTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
