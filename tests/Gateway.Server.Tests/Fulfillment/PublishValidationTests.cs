using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Tests.Feed;
using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using SsrGateway.V1;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Fulfillment;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class PublishValidationTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private TestGateway _gateway = null!;
    private FulfillmentService.FulfillmentServiceClient _vendor = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider);
        await _gateway.CreateLeaAsync(Lea);
        await _gateway.CreateLeaAsync(OtherLea);
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Spanish), new(Ssid(2), SchoolA, VideoLanguage.English)]);
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(3), SchoolA, VideoLanguage.Spanish)], cancelled: true);
        _vendor = await CreateVendorAsync(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    public static TheoryData<string, string> InvalidRecords => new()
    {
        { "bad-lea", "links[1].lea_code" },
        { "other-lea", "links[1].ssid" },
        { "not-ordered", "links[1].ssid" },
        { "cancelled-order", "links[1].ssid" },
        { "other-language", "links[1].language" },
        { "english-only-student-spanish", "links[1].language" },
        { "unspecified-language", "links[1].language" },
        { "http-url", "links[1].url" },
        { "other-host", "links[1].url" },
        { "relative-url", "links[1].url" },
        { "missing-url", "links[1].url" },
        { "past-expiry", "links[1].expire_time" },
        { "missing-administration", "links[1].administration" },
        { "bad-school-year", "links[1].administration.school_year" },
        { "bad-ssid", "links[1].ssid" },
    };

    /// <summary>URLs that must be rejected, with a word the violation's description must contain.</summary>
    public static TheoryData<string, string> InvalidUrls => new()
    {
        { $"https://{Host}/v/a b", "U+0020" },
        { $"https://{Host}/v/a\0b", "U+0000" },
        { $"https://{Host}/v/a\u001bb", "U+001B" },
        { $"https://{Host}/v/a\tb", "U+0009" },
        { $"https://{Host}/v/a\u202Eb", "U+202E" },
        { $"https://{Host}/v/a\u200Bb", "U+200B" },
        { $"https://{Host}/v/a\u2028b", "U+2028" },
        { $"https://{Host}/v/a\u2029b", "U+2029" },
        { $"https://{Host}/v/ab\n", "U+000A" },
        { $" https://{Host}/v/ab", "U+0020" },
        { $"https://{Host}:8443/v/ab", "port" },
        { $"https://{Host}:443/v/ab", "port" },
        { $"https://user:secret@{Host}/v/ab", "user information" },
        { $"https://{Host}/v/ab#t=10", "fragment" },
        { $"https://{Host}/v/ab#", "fragment" },
    };

    [Theory]
    [MemberData(nameof(InvalidUrls))]
    public async Task Publish_InvalidUrl_RejectedWithReason(string url, string expected)
    {
        var records = new[] { Link(Ssid(1), VideoLanguage.English), Link(Ssid(1), VideoLanguage.Spanish, url) };

        var response = await PublishAsync(_vendor, records);

        Assert.Equal(1, response.AcceptedCount);
        var rejected = Assert.Single(response.RejectedRecords);
        Assert.Equal(1, rejected.RecordIndex);
        var violation = Assert.Single(rejected.BadRequest.FieldViolations);
        Assert.Equal("links[1].url", violation.Field);
        Assert.Contains(expected, violation.Description);
        Assert.DoesNotContain("/v/", violation.Description);
    }

    [Fact]
    public async Task Publish_Url_StoredNormalised()
    {
        var feed = await CreateFeedClientAsync(_gateway);
        var url = "https://VIDEOS.ssr-vendor.EXAMPLE/v/x/../Espa\u00f1ol?k=1";

        var response = await PublishAsync(_vendor, [Link(Ssid(2), VideoLanguage.English, url)]);
        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var update = (await ReadUpdatesAsync(watch.ResponseStream, 1)).Single(r => r.Update is not null).Update;

        Assert.Equal(1, response.AcceptedCount);
        Assert.Equal($"https://{Host}/v/Espa%C3%B1ol?k=1", update.Url);
    }

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public async Task Publish_InvalidRecord_RejectedWithFieldPath(string rule, string field)
    {
        var records = new[] { Link(Ssid(1), VideoLanguage.English), Invalid(rule), Link(Ssid(1), VideoLanguage.Spanish) };

        var response = await PublishAsync(_vendor, records, batchSize: 2);

        Assert.Equal(2, response.AcceptedCount);
        Assert.Equal(1, response.RejectedCount);
        var rejected = Assert.Single(response.RejectedRecords);
        Assert.Equal(1, rejected.RecordIndex);
        Assert.Contains(field, rejected.BadRequest.FieldViolations.Select(v => v.Field));
        Assert.All(rejected.BadRequest.FieldViolations, v => Assert.DoesNotContain("/v/", v.Description));
    }

    [Fact]
    public async Task Publish_LongMessage_Accepted()
    {
        // SQLite allows at most 32,766 parameters in one statement.
        const int count = 33_000;
        var students = Enumerable.Range(100, count).Select(i => new Feed.OrderedStudent(Ssid(i), SchoolA, VideoLanguage.English)).ToList();
        await SeedOrderAsync(_gateway, Lea, students);

        var response = await PublishAsync(_vendor, students.Select(s => Link(s.Ssid, VideoLanguage.English)), batchSize: count);

        Assert.Equal(0, response.RejectedCount);
        Assert.Equal(count, response.AcceptedCount);
    }

    [Fact]
    public async Task Revoke_LongMessage_ChecksEveryRecord()
    {
        const int count = 33_000;
        var request = new RevokeVideoLinksRequest();
        request.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = Link(Ssid(1), VideoLanguage.English).Administration, Ssid = Ssid(1), Language = SsrGateway.V1.VideoLanguage.English });
        await PublishAsync(_vendor, [Link(Ssid(1), VideoLanguage.English)]);
        for (var i = 1; i < count; i++)
        {
            request.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = request.Links[0].Administration, Ssid = Ssid(100 + i), Language = SsrGateway.V1.VideoLanguage.English });
        }

        var response = await _vendor.RevokeVideoLinksAsync(request).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal(1, response.AcceptedCount);
        Assert.Equal(count - 1, response.RejectedCount);
    }

    [Fact]
    public async Task Publish_WithoutPublishScope_PermissionDenied()
    {
        var channel = await _gateway.CreateLeaChannelAsync(Lea, Gateway.Domain.Tenancy.GatewayScopes.LinksRead);
        var client = new FulfillmentService.FulfillmentServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => PublishAsync(client, [Link(Ssid(1), VideoLanguage.English)]));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Publish_Rejections_SortedByIndex()
    {
        // Records 0 and 2 fail the database check, which runs after the field checks reject 1 and 3.
        var records = new[] { Invalid("not-ordered"), Invalid("http-url"), Invalid("cancelled-order"), Invalid("bad-ssid"), Link(Ssid(1), VideoLanguage.English) };

        var response = await PublishAsync(_vendor, records);

        Assert.Equal(1, response.AcceptedCount);
        Assert.Equal([0, 1, 2, 3], response.RejectedRecords.Select(r => r.RecordIndex));
    }

    [Fact]
    public async Task Revoke_Rejections_SortedByIndex()
    {
        var administration = Link(Ssid(1), VideoLanguage.English).Administration;
        var request = new RevokeVideoLinksRequest();
        request.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = administration, Ssid = Ssid(1), Language = SsrGateway.V1.VideoLanguage.English });
        request.Links.Add(new VideoLinkRevocation { LeaCode = "1964733", Administration = administration, Ssid = Ssid(1), Language = SsrGateway.V1.VideoLanguage.English });

        var response = await _vendor.RevokeVideoLinksAsync(request).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal([0, 1], response.RejectedRecords.Select(r => r.RecordIndex));
        Assert.Equal("links[0].ssid", response.RejectedRecords[0].BadRequest.FieldViolations[0].Field);
        Assert.Equal("links[1].lea_code", response.RejectedRecords[1].BadRequest.FieldViolations[0].Field);
    }

    [Fact]
    public async Task Revoke_UnpublishedLink_Rejected()
    {
        var request = new RevokeVideoLinksRequest();
        request.Links.Add(new VideoLinkRevocation { LeaCode = Lea, Administration = Link(Ssid(1), VideoLanguage.English).Administration, Ssid = Ssid(1), Language = SsrGateway.V1.VideoLanguage.English });

        var response = await _vendor.RevokeVideoLinksAsync(request).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal(1, response.RejectedCount);
        Assert.Equal("links[0].ssid", response.RejectedRecords[0].BadRequest.FieldViolations[0].Field);
    }

    private static VideoLinkRecord Invalid(string rule)
    {
        var record = Link(Ssid(1), VideoLanguage.English);
        switch (rule)
        {
            case "bad-lea": record.LeaCode = "1964733"; break;
            case "other-lea": record.LeaCode = OtherLea; break;
            case "not-ordered": record.Ssid = Ssid(99); break;
            case "cancelled-order": record.Ssid = Ssid(3); break;
            case "other-language": record.Language = SsrGateway.V1.VideoLanguage.Vietnamese; break;
            case "english-only-student-spanish": record.Ssid = Ssid(2); record.Language = SsrGateway.V1.VideoLanguage.Spanish; break;
            case "unspecified-language": record.Language = SsrGateway.V1.VideoLanguage.Unspecified; break;
            case "http-url": record.Url = $"http://{Host}/v/1"; break;
            case "other-host": record.Url = "https://cdn.elsewhere.example/v/1"; break;
            case "relative-url": record.Url = "/v/1"; break;
            case "missing-url": record.Url = ""; break;
            case "past-expiry": record.ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)); break;
            case "missing-administration": record.Administration = null; break;
            case "bad-school-year": record.Administration.SchoolYear = "2025-27"; break;
            case "bad-ssid": record.Ssid = "12345"; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }

        return record;
    }
}

public sealed class PublishValidationSqliteTests : PublishValidationTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class PublishValidationPostgreSqlTests : PublishValidationTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
