using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using SsrGateway.V1;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Roster;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class RosterReadTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private TestGateway _gateway = null!;
    private GrpcChannel _channel = null!;
    private RosterService.RosterServiceClient _client = null!;
    private RosterUpload _upload = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider);
        _channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);
        _client = new RosterService.RosterServiceClient(_channel);
        _upload = await UploadAsync(_channel, Header("seed"),
        [
            Student("1000000005", languageCode: "01", grade: "KN"),
            Student("1000000001", languageCode: "VIE", grade: "05"),
            Student("1000000003", languageCode: "00", grade: "05", school: OtherSchool),
            Student("1000000002", languageCode: "07", grade: "TK"),
            Student("1000000004", languageCode: "ARA", grade: "12", school: OtherSchool),
        ]);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<ListStudentsResponse> ListAsync(ListStudentsRequest request, RosterService.RosterServiceClient? client = null)
    {
        request.Administration ??= Summative;
        return await (client ?? _client).ListStudentsAsync(request).ResponseAsync.WaitAsync(CallTimeout);
    }

    [Fact]
    public async Task List_PagesInSsidOrder()
    {
        var ssids = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await ListAsync(new ListStudentsRequest { PageSize = 2, PageToken = token });
            Assert.True(page.Students.Count <= 2);
            ssids.AddRange(page.Students.Select(s => s.Ssid));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(["1000000001", "1000000002", "1000000003", "1000000004", "1000000005"], ssids);
    }

    [Fact]
    public async Task List_ExactPageHasNoToken()
    {
        var page = await ListAsync(new ListStudentsRequest { PageSize = 5 });

        Assert.Equal(5, page.Students.Count);
        Assert.Equal("", page.NextPageToken);
    }

    [Fact]
    public async Task List_Filters()
    {
        var bySchool = await ListAsync(new ListStudentsRequest { SchoolCdsCodes = { OtherSchool } });
        var byGrade = await ListAsync(new ListStudentsRequest { Grades = { "05", "tk" } });
        var english = await ListAsync(new ListStudentsRequest { VideoLanguages = { VideoLanguage.English } });
        var combined = await ListAsync(new ListStudentsRequest { Grades = { "05" }, VideoLanguages = { VideoLanguage.Vietnamese, VideoLanguage.Spanish } });

        Assert.Equal(["1000000003", "1000000004"], bySchool.Students.Select(s => s.Ssid));
        Assert.Equal(["1000000001", "1000000002", "1000000003"], byGrade.Students.Select(s => s.Ssid));
        Assert.Equal(["1000000003", "1000000004"], english.Students.Select(s => s.Ssid));
        Assert.Equal(["1000000001"], combined.Students.Select(s => s.Ssid));
    }

    [Fact]
    public async Task List_TokenBoundToFilters()
    {
        var first = await ListAsync(new ListStudentsRequest { PageSize = 1, Grades = { "05" } });

        var other = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { PageSize = 1, PageToken = first.NextPageToken }), StatusCode.InvalidArgument);
        var garbage = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { PageToken = "not a token!" }), StatusCode.InvalidArgument);
        var next = await ListAsync(new ListStudentsRequest { PageSize = 5, Grades = { "05" }, PageToken = first.NextPageToken });

        Assert.Equal(["page_token"], ViolationFields(other));
        Assert.Equal(["page_token"], ViolationFields(garbage));
        Assert.Equal(["1000000003"], next.Students.Select(s => s.Ssid));
    }

    [Fact]
    public async Task List_TokenBoundToLea()
    {
        var first = await ListAsync(new ListStudentsRequest { PageSize = 1 });
        var otherLea = new RosterService.RosterServiceClient(await _gateway.CreateLeaChannelAsync(OtherLea, GatewayScopes.RosterRead));

        var error = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { PageSize = 1, PageToken = first.NextPageToken }, otherLea), StatusCode.InvalidArgument);

        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal(["page_token"], ViolationFields(error));
    }

    [Fact]
    public async Task List_RejectsBadFilters()
    {
        var school = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { SchoolCdsCodes = { OtherSchool, "123" } }), StatusCode.InvalidArgument);
        var grade = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { Grades = { "K" } }), StatusCode.InvalidArgument);
        var language = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { VideoLanguages = { VideoLanguage.Unspecified } }), StatusCode.InvalidArgument);
        var size = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { PageSize = -1 }), StatusCode.InvalidArgument);
        var year = await ThrowsRpcAsync(() => ListAsync(new ListStudentsRequest { Administration = new Administration { SchoolYear = "2025", Assessment = Assessment.SummativeElpac } }), StatusCode.InvalidArgument);

        Assert.Equal(["school_cds_codes[1]"], ViolationFields(school));
        Assert.Equal(["grades[0]"], ViolationFields(grade));
        Assert.Equal(["video_languages[0]"], ViolationFields(language));
        Assert.Equal(["page_size"], ViolationFields(size));
        Assert.Equal(["administration.school_year"], ViolationFields(year));
    }

    [Fact]
    public async Task Get_OtherAdministrationIsEmpty()
    {
        var initial = new Administration { SchoolYear = "2025-26", Assessment = Assessment.InitialElpac };

        var error = await ThrowsRpcAsync(() => _client.GetStudentAsync(new GetStudentRequest { Administration = initial, Ssid = "1000000001" }).ResponseAsync, StatusCode.NotFound);
        var list = await ListAsync(new ListStudentsRequest { Administration = initial });

        Assert.Contains("1000000001", error.Status.Detail);
        Assert.Empty(list.Students);
    }

    [Fact]
    public async Task OtherLea_SeesNotFound()
    {
        var other = new RosterService.RosterServiceClient(await _gateway.CreateLeaChannelAsync(OtherLea, GatewayScopes.RosterRead));

        var foreignStudent = await ThrowsRpcAsync(() => other.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = "1000000001" }).ResponseAsync, StatusCode.NotFound);
        var missingStudent = await ThrowsRpcAsync(() => other.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = "1999999999" }).ResponseAsync, StatusCode.NotFound);
        var foreignUpload = await ThrowsRpcAsync(() => other.GetRosterUploadAsync(new GetRosterUploadRequest { UploadId = _upload.UploadId }).ResponseAsync, StatusCode.NotFound);
        var missingUpload = await ThrowsRpcAsync(() => other.GetRosterUploadAsync(new GetRosterUploadRequest { UploadId = "0" + _upload.UploadId[1..] }).ResponseAsync, StatusCode.NotFound);
        var list = await ListAsync(new ListStudentsRequest(), other);

        Assert.Equal(foreignStudent.Status.Detail.Replace("1000000001", "X"), missingStudent.Status.Detail.Replace("1999999999", "X"));
        Assert.Equal(foreignUpload.Status.Detail.Replace(_upload.UploadId, "X"), missingUpload.Status.Detail.Replace("0" + _upload.UploadId[1..], "X"));
        Assert.Empty(list.Students);
    }

    [Fact]
    public async Task OtherLea_SameSsidIsSeparate()
    {
        var otherChannel = await _gateway.CreateLeaChannelAsync(OtherLea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);
        var other = new RosterService.RosterServiceClient(otherChannel);

        var upload = await UploadAsync(otherChannel, Header("seed"), [Student("1000000001", firstName: "Other", school: "01611921234567")]);
        var mine = await _client.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = "1000000001" }).ResponseAsync.WaitAsync(CallTimeout);
        var theirs = await other.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = "1000000001" }).ResponseAsync.WaitAsync(CallTimeout);

        Assert.Equal(1, upload.AcceptedCount);
        Assert.Equal(1, upload.RosterVersion);
        Assert.NotEqual(_upload.UploadId, upload.UploadId);
        Assert.Equal("Ana", mine.Student.FirstName);
        Assert.Equal("Other", theirs.Student.FirstName);
    }

    [Fact]
    public async Task Reads_NeedReadScope()
    {
        var writer = new RosterService.RosterServiceClient(await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite));

        await ThrowsRpcAsync(() => writer.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = "1000000001" }).ResponseAsync, StatusCode.PermissionDenied);
        await ThrowsRpcAsync(() => writer.ListStudentsAsync(new ListStudentsRequest { Administration = Summative }).ResponseAsync, StatusCode.PermissionDenied);
    }
}

public sealed class RosterReadSqliteTests : RosterReadTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class RosterReadPostgreSqlTests : RosterReadTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
