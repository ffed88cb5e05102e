using Gateway.Domain.Roster;
using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Rpc;
using Gateway.Storage.Roster;
using Gateway.Storage.Tenancy;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SsrGateway.V1;

namespace Gateway.Server.Roster;

/// <summary>The roster gRPC service: uploads and reads of the token LEA's rosters.</summary>
internal sealed class RosterGrpcService : RosterService.RosterServiceBase
{
    /// <summary>Page size when the request gives none.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page size; larger requests are reduced to it.</summary>
    public const int MaxPageSize = 1000;

    private readonly RosterUploadProcessor _uploads;
    private readonly RosterStore _store;
    private readonly ITenantScope _tenant;

    public RosterGrpcService(RosterUploadProcessor uploads, RosterStore store, ITenantScope tenant)
    {
        _uploads = uploads;
        _store = store;
        _tenant = tenant;
    }

    [Authorize(Policy = GatewayScopes.RosterWrite)]
    public override async Task<UploadRosterResponse> UploadRoster(IAsyncStreamReader<UploadRosterRequest> requestStream, ServerCallContext context)
    {
        var upload = await _uploads.UploadAsync(requestStream, LeaCode, ClientId(context), context.CancellationToken);
        return new UploadRosterResponse { Upload = upload };
    }

    [Authorize(Policy = GatewayScopes.RosterRead)]
    public override async Task<GetStudentResponse> GetStudent(GetStudentRequest request, ServerCallContext context)
    {
        var administration = RosterMapping.ToDomain(request.Administration, "administration");
        if (!Ssid.TryNormalize(request.Ssid, out var ssid))
        {
            throw RpcErrors.InvalidField("ssid", "SSID must be exactly 10 digits");
        }

        var student = await _store.FindStudentAsync(administration, ssid, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"student {ssid} is not on the {administration} roster");
        return new GetStudentResponse { Student = RosterMapping.ToProto(student) };
    }

    [Authorize(Policy = GatewayScopes.RosterRead)]
    public override async Task<ListStudentsResponse> ListStudents(ListStudentsRequest request, ServerCallContext context)
    {
        var administration = RosterMapping.ToDomain(request.Administration, "administration");
        if (request.PageSize < 0)
        {
            throw RpcErrors.InvalidField("page_size", "page size must not be negative");
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var filter = ToFilter(request.SchoolCdsCodes, request.Grades, request.VideoLanguages, "");
        var fingerprint = RosterPageToken.Fingerprint(LeaCode, request);
        var after = RosterPageToken.Parse(request.PageToken, fingerprint);

        var students = await _store.ListStudentsAsync(administration, filter, after, pageSize + 1, context.CancellationToken);
        var response = new ListStudentsResponse();
        response.Students.AddRange(students.Take(pageSize).Select(RosterMapping.ToProto));
        if (students.Count > pageSize)
        {
            response.NextPageToken = RosterPageToken.Create(fingerprint, students[pageSize - 1].Ssid);
        }

        return response;
    }

    [Authorize(Policy = GatewayScopes.RosterRead)]
    public override async Task<GetRosterUploadResponse> GetRosterUpload(GetRosterUploadRequest request, ServerCallContext context)
    {
        var uploadId = request.UploadId.Trim();
        if (uploadId.Length == 0)
        {
            throw RpcErrors.InvalidField("upload_id", "upload id is required");
        }

        var upload = await _store.FindUploadAsync(uploadId, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"roster upload '{uploadId}' was not found");
        return new GetRosterUploadResponse { Upload = RosterUpload.Parser.ParseFrom(upload.Outcome) };
    }

    /// <summary>
    /// Validates selection filters; throws INVALID_ARGUMENT naming the first bad value under
    /// <paramref name="prefix"/> (empty for top-level request fields).
    /// </summary>
    internal static StudentFilter ToFilter(IEnumerable<string> schools, IEnumerable<string> grades, IEnumerable<SsrGateway.V1.VideoLanguage> languages, string prefix)
    {
        var schoolCodes = new List<string>();
        foreach (var (school, i) in schools.Select((s, i) => (s, i)))
        {
            if (!CdsCode.TryParse(school, out var code))
            {
                throw RpcErrors.InvalidField($"{prefix}school_cds_codes[{i}]", $"'{school}' is not a CDS code: expected exactly 14 digits");
            }

            schoolCodes.Add(code.Value);
        }

        var gradeCodes = new List<string>();
        foreach (var (grade, i) in grades.Select((g, i) => (g, i)))
        {
            if (!Grades.TryNormalize(grade, out var normalized))
            {
                throw RpcErrors.InvalidField($"{prefix}grades[{i}]", $"'{grade}' is not a grade: expected TK, KN or 01 to 12");
            }

            gradeCodes.Add(normalized);
        }

        var videoLanguages = new List<Domain.VideoLanguage>();
        foreach (var (language, i) in languages.Select((l, i) => (l, i)))
        {
            videoLanguages.Add(RosterMapping.ToDomain(language)
                ?? throw RpcErrors.InvalidField($"{prefix}video_languages[{i}]", $"video language {language} is not a language; leave the list empty to select every language"));
        }

        return new StudentFilter(schoolCodes, gradeCodes, videoLanguages);
    }

    private string LeaCode => _tenant.LeaCode ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "this call needs a token bound to an LEA"));

    private static string ClientId(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return user.FindFirst("client_id")?.Value ?? user.FindFirst("sub")?.Value ?? "";
    }
}
