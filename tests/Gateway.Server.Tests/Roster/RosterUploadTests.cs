using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using SsrGateway.V1;
using static Gateway.Server.Tests.Roster.RosterTestData;

namespace Gateway.Server.Tests.Roster;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class RosterUploadTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private TestGateway _gateway = null!;
    private GrpcChannel _channel = null!;
    private RosterService.RosterServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider);
        _channel = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterWrite, GatewayScopes.RosterRead);
        _client = new RosterService.RosterServiceClient(_channel);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<Student> GetStudentAsync(string ssid) =>
        (await _client.GetStudentAsync(new GetStudentRequest { Administration = Summative, Ssid = ssid }).ResponseAsync.WaitAsync(CallTimeout)).Student;

    [Fact]
    public async Task Upload_StoresStudents()
    {
        var vietnamese = Student("1000000002", languageCode: " vie ", phone: "+1 415 555 2672 ext. 45", firstName: "Nguyễn Thị");
        vietnamese.LastName = "O\u2019Brien-Núñez";
        vietnamese.MiddleName = "D'Arcy";
        var cantonese = Student("1000000003", languageCode: "03", phone: "800-555-0199", firstName: "美玲");

        var padded = Student("1000000001");
        padded.Ssid = " 1000000001\t";

        var upload = await UploadAsync(_channel, Header("k1"), [padded], [vietnamese, cantonese]);

        Assert.Equal(3, upload.AcceptedCount);
        Assert.Equal(0, upload.RejectedCount);
        Assert.Equal(0, upload.UnchangedCount);
        Assert.Equal(0, upload.RemovedCount);
        Assert.Equal(1, upload.RosterVersion);
        Assert.Equal("k1", upload.IdempotencyKey);
        Assert.Equal(UploadMode.Full, upload.Mode);
        Assert.NotEmpty(upload.UploadId);

        var first = await GetStudentAsync("1000000001");
        Assert.Equal("L-1000000001", first.LocalStudentId);
        Assert.Equal(VideoLanguage.Spanish, first.PrimaryVideoLanguage);
        Assert.Equal("+14155552671", first.Guardians[0].MobilePhoneE164);
        Assert.True(first.Guardians[0].Textable);
        Assert.Equal(TextingConsent.Yes, first.Guardians[0].TextingConsent);
        Assert.Equal("portal-1000000001", first.Guardians[0].PortalAccountId);

        var second = await GetStudentAsync("1000000002");
        Assert.Equal("Nguyễn Thị", second.FirstName);
        Assert.Equal("D'Arcy", second.MiddleName);
        Assert.Equal("O\u2019Brien-Núñez", second.LastName);
        Assert.Equal("VIE", second.PrimaryLanguageCode);
        Assert.Equal(VideoLanguage.Vietnamese, second.PrimaryVideoLanguage);
        Assert.Equal("+14155552672", second.Guardians[0].MobilePhoneE164);
        Assert.Equal("45", second.Guardians[0].MobilePhoneExtension);

        var third = await GetStudentAsync("1000000003");
        Assert.Equal("美玲", third.FirstName);
        Assert.Equal(VideoLanguage.English, third.PrimaryVideoLanguage);
        Assert.False(third.Guardians[0].Textable);
        Assert.Equal("toll-free number", third.Guardians[0].NotTextableReason);

        var stored = await _client.GetRosterUploadAsync(new GetRosterUploadRequest { UploadId = upload.UploadId }).ResponseAsync.WaitAsync(CallTimeout);
        Assert.Equal(upload, stored.Upload);
    }

    public static TheoryData<string, Action<StudentRecord>, string> InvalidRecords() => new()
    {
        { "short SSID", r => r.Ssid = "123456789", "ssid" },
        { "empty first name", r => r.FirstName = "", "first_name" },
        { "blank last name", r => r.LastName = "  ", "last_name" },
        { "control character", r => r.LastName = "Gar\tcía", "last_name" },
        { "long middle name", r => r.MiddleName = new string('x', 101), "middle_name" },
        { "grade", r => r.Grade = "13", "grade" },
        { "school of another district", r => r.SchoolCdsCode = "01611921234567", "school_cds_code" },
        { "malformed school", r => r.SchoolCdsCode = "1964733", "school_cds_code" },
        { "malformed language", r => r.PrimaryLanguageCode = "S1A", "primary_language_code" },
        { "long phone", r => r.Guardians[0].MobilePhone = new string('5', 41), "guardians[0].mobile_phone" },
        { "guardian language", r => r.Guardians[0].PreferredLanguage = "12345", "guardians[0].preferred_language" },
        { "texting consent out of range", r => r.Guardians[0].TextingConsent = (TextingConsent)9, "guardians[0].texting_consent" },
        { "empty guardian", r => r.Guardians.Add(new GuardianRecord { Relationship = "Aunt" }), "guardians[1]" },
        { "second guardian portal id", r => r.Guardians.Add(new GuardianRecord { Name = "Luis", PortalAccountId = new string('p', 201) }), "guardians[1].portal_account_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public async Task Upload_RejectsRecord(string reason, Action<StudentRecord> corrupt, string field)
    {
        var students = Students(13).ToList();
        corrupt(students[12]);

        var upload = await UploadAsync(_channel, Header("k-" + reason), students.Take(5), students.Skip(5));

        Assert.Equal(12, upload.AcceptedCount);
        Assert.Equal(1, upload.RejectedCount);
        var rejected = Assert.Single(upload.RejectedRecords);
        Assert.Equal(12, rejected.RecordIndex);
        Assert.Equal(students[12].Ssid.Trim(), rejected.Ssid);
        Assert.Equal([$"students[12].{field}"], rejected.BadRequest.FieldViolations.Select(v => v.Field));
        Assert.NotEmpty(rejected.BadRequest.FieldViolations[0].Description);
    }

    [Fact]
    public async Task Upload_UnknownConsentReportsValueSent()
    {
        var students = Students(2).ToList();
        students[1].Guardians[0].TextingConsent = (TextingConsent)42;

        var upload = await UploadAsync(_channel, Header("consent-42"), students);

        var violation = Assert.Single(Assert.Single(upload.RejectedRecords).BadRequest.FieldViolations);
        Assert.Equal("students[1].guardians[0].texting_consent", violation.Field);
        Assert.Contains("42", violation.Description);
        Assert.DoesNotContain("-1", violation.Description);
    }

    [Fact]
    public async Task Upload_RejectsDuplicateSsids()
    {
        var students = Students(5).ToList();
        students[3].Ssid = students[1].Ssid;
        students.Add(Student(students[1].Ssid, firstName: ""));

        var upload = await UploadAsync(_channel, Header("dup"), students.Take(2), students.Skip(2));

        Assert.Equal(3, upload.AcceptedCount);
        Assert.Equal([1, 3, 5], upload.RejectedRecords.Select(r => r.RecordIndex));
        Assert.All(upload.RejectedRecords, r => Assert.Equal(students[1].Ssid, r.Ssid));
        Assert.Equal(["students[1].ssid"], upload.RejectedRecords[0].BadRequest.FieldViolations.Select(v => v.Field));
        Assert.Contains("3, 5", upload.RejectedRecords[0].BadRequest.FieldViolations[0].Description);
        Assert.Contains("1, 5", upload.RejectedRecords[1].BadRequest.FieldViolations[0].Description);
        Assert.Equal(["students[5].first_name", "students[5].ssid"], upload.RejectedRecords[2].BadRequest.FieldViolations.Select(v => v.Field));
        await ThrowsRpcAsync(() => GetStudentAsync(students[1].Ssid), StatusCode.NotFound);
    }

    public static TheoryData<string, UploadRosterRequest[], string> MalformedHeaders()
    {
        var batch = Batch([Student("1000000001")]);
        var valid = new UploadRosterRequest { Header = Header("h") };
        UploadRosterRequest WithHeader(Action<RosterUploadHeader> change)
        {
            var header = Header("h");
            change(header);
            return new UploadRosterRequest { Header = header };
        }

        return new()
        {
            { "empty stream", [], "header" },
            { "batch first", [batch, valid], "header" },
            { "no administration", [WithHeader(h => h.Administration = null)], "header.administration" },
            { "bad school year", [WithHeader(h => h.Administration.SchoolYear = "2025-2026")], "header.administration.school_year" },
            { "unspecified assessment", [WithHeader(h => h.Administration.Assessment = Assessment.Unspecified)], "header.administration.assessment" },
            { "unspecified mode", [WithHeader(h => h.Mode = UploadMode.Unspecified)], "header.mode" },
            { "empty key", [WithHeader(h => h.IdempotencyKey = "")], "header.idempotency_key" },
            { "long key", [WithHeader(h => h.IdempotencyKey = new string('k', 129))], "header.idempotency_key" },
            { "second header", [valid, batch, valid], "header" },
            { "empty message", [valid, new UploadRosterRequest()], "batch" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Upload_MalformedHeaderFails(string reason, UploadRosterRequest[] messages, string field)
    {
        var error = await ThrowsRpcAsync(() => SendAsync(_channel, messages), StatusCode.InvalidArgument);

        Assert.Equal([field], ViolationFields(error));
        Assert.False(string.IsNullOrEmpty(reason));
        await ThrowsRpcAsync(() => GetStudentAsync("1000000001"), StatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_ReplaySameKeySameContent()
    {
        var students = Students(4).ToList();
        var first = await UploadAsync(_channel, Header("replay"), students.Take(1), students.Skip(1));

        var replay = await UploadAsync(_channel, Header("replay"), students.Take(3), students.Skip(3));

        Assert.Equal(first, replay);
        var again = await UploadAsync(_channel, Header("replay-2", UploadMode.Delta), students);
        Assert.Equal(1, again.RosterVersion);
        Assert.Equal(4, again.UnchangedCount);
        Assert.Equal(0, again.AcceptedCount);
    }

    [Fact]
    public async Task Upload_ReplaySameKeyOtherContent()
    {
        var students = Students(4).ToList();
        var first = await UploadAsync(_channel, Header("reused"), students);
        students[2].FirstName = "Changed";

        var error = await ThrowsRpcAsync(() => UploadAsync(_channel, Header("reused"), students), StatusCode.FailedPrecondition);
        var modeChanged = await ThrowsRpcAsync(() => UploadAsync(_channel, Header("reused", UploadMode.Delta), Students(4)), StatusCode.FailedPrecondition);

        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", info.Reason);
        Assert.Equal(first.UploadId, info.Metadata["upload_id"]);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", modeChanged.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("Ana", (await GetStudentAsync(students[2].Ssid)).FirstName);
    }

    [Fact]
    public async Task Upload_DeltaUpsertsAndCounts()
    {
        await UploadAsync(_channel, Header("base"), Students(3));
        var changed = Student("1000000001", firstName: "Anaís");

        var delta = await UploadAsync(_channel, Header("delta", UploadMode.Delta), [Student("1000000000"), changed, Student("1000000009")]);

        Assert.Equal(2, delta.AcceptedCount);
        Assert.Equal(1, delta.UnchangedCount);
        Assert.Equal(0, delta.RemovedCount);
        Assert.Equal(2, delta.RosterVersion);
        Assert.Equal("Anaís", (await GetStudentAsync("1000000001")).FirstName);
        Assert.Equal("Ana", (await GetStudentAsync("1000000002")).FirstName);
        Assert.Equal("Ana", (await GetStudentAsync("1000000009")).FirstName);
    }

    [Fact]
    public async Task Upload_FullRemovesUnlisted()
    {
        await UploadAsync(_channel, Header("base"), Students(3));

        var full = await UploadAsync(_channel, Header("full", UploadMode.Full), [Student("1000000000"), Student("1000000007")]);

        Assert.Equal(1, full.AcceptedCount);
        Assert.Equal(1, full.UnchangedCount);
        Assert.Equal(2, full.RemovedCount);
        Assert.Equal(2, full.RosterVersion);
        await ThrowsRpcAsync(() => GetStudentAsync("1000000001"), StatusCode.NotFound);
        var nothing = await UploadAsync(_channel, Header("same", UploadMode.Full), [Student("1000000000"), Student("1000000007")]);
        Assert.Equal(2, nothing.RosterVersion);
        Assert.Equal(2, nothing.UnchangedCount);
    }

    [Fact]
    public async Task Upload_NeedsWriteScope()
    {
        var reader = await _gateway.CreateLeaChannelAsync(Lea, GatewayScopes.RosterRead);

        await ThrowsRpcAsync(() => UploadAsync(reader, Header("scope"), Students(1)), StatusCode.PermissionDenied);
    }
}

public sealed class RosterUploadSqliteTests : RosterUploadTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class RosterUploadPostgreSqlTests : RosterUploadTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
