using Gateway.Server.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using SsrGateway.V1;

namespace Gateway.Server.Tests.Roster;

/// <summary>Records, uploads and error checks shared by the roster and pricing tests.</summary>
internal static class RosterTestData
{
    public const string Lea = "19647330000000";
    public const string OtherLea = "01611920000000";
    public const string School = "19647331234567";
    public const string OtherSchool = "19647337654321";
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    public static Administration Summative => new() { SchoolYear = "2025-26", Assessment = Assessment.SummativeElpac };

    public static StudentRecord Student(string ssid, string languageCode = "01", string phone = "(415) 555-2671", string firstName = "Ana", string school = School, string grade = "05") => new()
    {
        Ssid = ssid,
        LocalStudentId = "L-" + ssid,
        FirstName = firstName,
        LastName = "García",
        Grade = grade,
        SchoolCdsCode = school,
        PrimaryLanguageCode = languageCode,
        Guardians =
        {
            new GuardianRecord
            {
                Name = "María García",
                Relationship = "Mother",
                MobilePhone = phone,
                TextingConsent = TextingConsent.Yes,
                PreferredLanguage = "SPA",
                PortalAccountId = "portal-" + ssid,
            },
        },
    };

    public static RosterUploadHeader Header(string key, UploadMode mode = UploadMode.Full, Administration? administration = null) => new()
    {
        Administration = administration ?? Summative,
        Mode = mode,
        IdempotencyKey = key,
    };

    /// <summary>Streams a header and the batches, in that order, and returns the response.</summary>
    public static Task<RosterUpload> UploadAsync(GrpcChannel channel, RosterUploadHeader header, params IEnumerable<StudentRecord>[] batches) =>
        SendAsync(channel, [new UploadRosterRequest { Header = header }, .. batches.Select(Batch)]);

    /// <summary>Streams the messages as given and returns the response.</summary>
    public static async Task<RosterUpload> SendAsync(GrpcChannel channel, IEnumerable<UploadRosterRequest> messages)
    {
        var client = new RosterService.RosterServiceClient(channel);
        using var call = client.UploadRoster(deadline: DateTime.UtcNow + CallTimeout);
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message).WaitAsync(CallTimeout);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(CallTimeout);
        var response = await call.ResponseAsync.WaitAsync(CallTimeout);
        return response.Upload;
    }

    public static UploadRosterRequest Batch(IEnumerable<StudentRecord> students)
    {
        var batch = new StudentBatch();
        batch.Students.AddRange(students);
        return new UploadRosterRequest { Batch = batch };
    }

    public static IEnumerable<StudentRecord> Students(int count, int firstSsid = 1_000_000_000, Func<int, StudentRecord, StudentRecord>? adjust = null) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var record = Student((firstSsid + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return adjust is null ? record : adjust(i, record);
        });

    /// <summary>Awaits a call that must fail and returns its exception.</summary>
    public static async Task<RpcException> ThrowsRpcAsync(Func<Task> call, StatusCode expected)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(() => call().WaitAsync(CallTimeout));
        Assert.Equal(expected, exception.StatusCode);
        return exception;
    }

    /// <summary>Returns the field paths of the BadRequest detail of an INVALID_ARGUMENT error.</summary>
    public static List<string> ViolationFields(RpcException exception)
    {
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return [.. badRequest.FieldViolations.Select(v => v.Field)];
    }
}
