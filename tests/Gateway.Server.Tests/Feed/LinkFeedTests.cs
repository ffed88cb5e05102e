using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using SsrGateway.V1;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Feed;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class LinkFeedTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(o =>
        {
            o.StorageProvider = StorageProvider;
            o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.300";
        });
        await _gateway.CreateLeaAsync(Lea);
        await _gateway.CreateLeaAsync(OtherLea);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    [Fact]
    public async Task Watch_FromBeginning_SendsBacklogThenLive()
    {
        await SeedOrderAsync(_gateway, Lea, [
            new(Ssid(1), SchoolA, VideoLanguage.Spanish, "P-1", "P-2"),
            new(Ssid(2), SchoolB, VideoLanguage.English, "P-3")]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English), Link(Ssid(1), VideoLanguage.Spanish)]);

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var backlog = await ReadUpdatesAsync(watch.ResponseStream, 2);
        await PublishAsync(vendor, [Link(Ssid(2), VideoLanguage.English)]);
        var live = await ReadUpdatesAsync(watch.ResponseStream, 1);

        var updates = backlog.Concat(live).Where(r => r.Update is not null).Select(r => r.Update).ToList();
        Assert.Equal([1L, 2L, 3L], updates.Select(u => u.Sequence));
        var spanish = updates[1];
        Assert.Equal(LinkChangeType.Available, spanish.ChangeType);
        Assert.Equal(Ssid(1), spanish.Ssid);
        Assert.Equal("L" + Ssid(1), spanish.LocalStudentId);
        Assert.Equal(SchoolA, spanish.SchoolCdsCode);
        Assert.Equal(["P-1", "P-2"], spanish.GuardianPortalAccountIds);
        Assert.Equal(SsrGateway.V1.VideoLanguage.Spanish, spanish.Language);
        Assert.Equal("Informe de puntuación en video (español)", spanish.Label);
        Assert.Equal($"https://{Host}/v/{Ssid(1)}/Spanish", spanish.PortalFieldWrites["ssr_video_url_primary"]);
        Assert.Equal("Español", spanish.PortalFieldWrites["ssr_video_language_primary"]);
        Assert.Equal("Informe de puntuación en video (español)", spanish.PortalFieldWrites["ssr_video_label_primary"]);
        Assert.Equal("", spanish.PortalFieldWrites["ssr_video_expire_time_primary"]);
        Assert.Equal([$"https://{Host}/v/{Ssid(1)}/English"], updates[0].PortalFieldWrites.Values);
        Assert.Equal(SchoolB, updates[2].SchoolCdsCode);
    }

    [Fact]
    public async Task Watch_LinkRepeatedInMessage_SendsEachUrl()
    {
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Mandarin)]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        var baseExpiry = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(30).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var records = Enumerable.Range(1, 3).Select(i =>
        {
            var record = Link(Ssid(1), VideoLanguage.Mandarin, $"https://{Host}/v/take-{i}");
            record.ExpireTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(baseExpiry.AddDays(i));
            return record;
        }).ToList();

        var response = await PublishAsync(vendor, records);
        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var updates = (await ReadUpdatesAsync(watch.ResponseStream, 3)).Where(r => r.Update is not null).Select(r => r.Update).ToList();

        Assert.Equal(3, response.AcceptedCount);
        Assert.Equal([1L, 2L, 3L], updates.Select(u => u.Sequence));
        Assert.Equal([LinkChangeType.Available, LinkChangeType.Replaced, LinkChangeType.Replaced], updates.Select(u => u.ChangeType));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => $"https://{Host}/v/take-{i}"), updates.Select(u => u.Url));
        Assert.Equal(Enumerable.Range(1, 3).Select(i => baseExpiry.AddDays(i)), updates.Select(u => u.ExpireTime.ToDateTimeOffset()));
    }

    [Fact]
    public async Task Watch_ReplaceAndRevoke_SendsChanges()
    {
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Vietnamese, "P-1")]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        var expiry = DateTimeOffset.UtcNow.AddDays(30);
        var first = Link(Ssid(1), VideoLanguage.Vietnamese);
        first.ExpireTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(expiry);
        await PublishAsync(vendor, [first]);
        var same = await PublishAsync(vendor, [first]);
        var replaced = await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.Vietnamese, $"https://{Host}/v/new")]);
        var revoke = new RevokeVideoLinksRequest();
        revoke.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = first.Administration, Ssid = Ssid(1), Language = first.Language });
        var revoked = await vendor.RevokeVideoLinksAsync(revoke).ResponseAsync.WaitAsync(TestTimeout);
        var revokedAgain = await vendor.RevokeVideoLinksAsync(revoke).ResponseAsync.WaitAsync(TestTimeout);

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var updates = (await ReadUpdatesAsync(watch.ResponseStream, 3)).Select(r => r.Update).Where(u => u is not null).ToList();

        Assert.Equal(1, same.UnchangedCount);
        Assert.Equal(0, same.AcceptedCount);
        Assert.Equal(1, replaced.AcceptedCount);
        Assert.Equal(1, revoked.AcceptedCount);
        Assert.Equal(1, revokedAgain.UnchangedCount);
        Assert.Equal([LinkChangeType.Available, LinkChangeType.Replaced, LinkChangeType.Revoked], updates.Select(u => u.ChangeType));
        Assert.Equal("Báo cáo điểm số bằng video (tiếng Việt)", updates[0].Label);
        Assert.Equal(expiry.ToUnixTimeSeconds(), updates[0].ExpireTime.ToDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal($"https://{Host}/v/new", updates[1].PortalFieldWrites["ssr_video_url_primary"]);
        Assert.All(updates[2].PortalFieldWrites.Values, value => Assert.Equal("", value));
        Assert.Equal(4, updates[2].PortalFieldWrites.Count);
        Assert.Equal("", updates[2].Url);
    }

    [Fact]
    public async Task Watch_IdleStream_SendsHeartbeatWithPosition()
    {
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.English)]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English)]);

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var heartbeat = await ReadUntilAsync(watch.ResponseStream, WatchLinkUpdatesResponse.KindOneofCase.Heartbeat);

        Assert.Equal(1, heartbeat.Heartbeat.Sequence);
        Assert.NotEmpty(heartbeat.Heartbeat.ResumeToken);
    }

    [Fact]
    public async Task Watch_SchoolFilter_SendsOnlyThoseSchools()
    {
        await SeedOrderAsync(_gateway, Lea, [
            new(Ssid(1), SchoolA, VideoLanguage.English),
            new(Ssid(2), SchoolB, VideoLanguage.English),
            new(Ssid(3), SchoolA, VideoLanguage.English)]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English), Link(Ssid(2), VideoLanguage.English), Link(Ssid(3), VideoLanguage.English)]);

        var request = FromBeginning();
        request.SchoolCdsCodes.Add(SchoolA);
        using var watch = feed.WatchLinkUpdates(request);
        var seen = new List<WatchLinkUpdatesResponse>();
        var heartbeat = await ReadUntilAsync(watch.ResponseStream, WatchLinkUpdatesResponse.KindOneofCase.Heartbeat, seen);

        var updates = seen.Where(r => r.Update is not null).Select(r => r.Update).ToList();
        Assert.Equal([Ssid(1), Ssid(3)], updates.Select(u => u.Ssid));
        Assert.All(updates, u => Assert.Equal(SchoolA, u.SchoolCdsCode));
        Assert.Equal(3, heartbeat.Heartbeat.Sequence);
    }

    [Fact]
    public async Task Watch_ForeignResumeToken_Rejected()
    {
        await SeedOrderAsync(_gateway, OtherLea, [new(Ssid(1), "01611920100001", VideoLanguage.English)]);
        var vendor = await CreateVendorAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English, leaCode: OtherLea)]);
        var otherFeed = await CreateFeedClientAsync(_gateway, OtherLea);
        using var otherWatch = otherFeed.WatchLinkUpdates(FromBeginning());
        var otherToken = (await ReadUpdatesAsync(otherWatch.ResponseStream, 1)).Single(r => r.Update is not null).Update.ResumeToken;

        var feed = await CreateFeedClientAsync(_gateway);
        using var watch = feed.WatchLinkUpdates(After(otherToken));
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(watch.ResponseStream, 1));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("another LEA", error.Status.Detail);
    }

    [Fact]
    public async Task Watch_TamperedResumeToken_Rejected()
    {
        var feed = await CreateFeedClientAsync(_gateway);

        using var watch = feed.WatchLinkUpdates(After("AQE5NjQ3MzMwMDAwMDAwAAAAAAAAAAFhYWFhYWFhYWFhYWFhYWFh"));
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(watch.ResponseStream, 1));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Watch_WithoutLinksReadScope_PermissionDenied()
    {
        var channel = await _gateway.CreateLeaChannelAsync(Lea, Gateway.Domain.Tenancy.GatewayScopes.OrdersRead);
        var feed = new LinkFeedService.LinkFeedServiceClient(channel);

        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var error = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(watch.ResponseStream, 1));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}

public sealed class LinkFeedSqliteTests : LinkFeedTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class LinkFeedPostgreSqlTests : LinkFeedTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
