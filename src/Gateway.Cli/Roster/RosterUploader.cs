using Gateway.Imports;
using Google.Rpc;
using Grpc.Core;
using SsrGateway.V1;
using ImportedStudent = Gateway.Imports.StudentRecord;
using ImportedConsent = Gateway.Imports.TextingConsent;

namespace Gateway.Cli.Roster;

/// <summary>A record the gateway rejected, mapped back to the extract line it came from.</summary>
internal sealed record ServerRejection(SourceLocation Source, int RecordIndex, string Ssid, IReadOnlyList<BadRequest.Types.FieldViolation> Violations);

/// <summary>The outcome of an upload or a dry run.</summary>
internal sealed class RosterUploadOutcome
{
    public required ImportSummary Import { get; init; }

    public required SsrGateway.V1.Administration Administration { get; init; }

    public required UploadMode Mode { get; init; }

    public required string IdempotencyKey { get; init; }

    /// <summary>Records sent to the gateway, or that a dry run would send.</summary>
    public int RecordCount { get; set; }

    /// <summary>The gateway's response; null for a dry run.</summary>
    public RosterUpload? Upload { get; set; }

    public List<ServerRejection> ServerRejections { get; } = [];

    public bool DryRun => Upload is null;

    public int RejectedCount => Import.Rejected + ServerRejections.Count;
}

/// <summary>
/// Streams imported students to <c>RosterService.UploadRoster</c> in batches and maps the
/// gateway's per-record rejections back to extract lines. Only the line number of each sent record
/// is kept in memory, never the records.
/// </summary>
internal static class RosterUploader
{
    public const int BatchSize = 500;

    /// <summary>
    /// Reads the import and uploads it, or only validates it when <paramref name="client"/> is
    /// null. <paramref name="progress"/> receives the number of extract rows read so far.
    /// </summary>
    public static async Task<RosterUploadOutcome> RunAsync(
        StudentImport import,
        SsrGateway.V1.Administration administration,
        UploadMode mode,
        string idempotencyKey,
        RosterService.RosterServiceClient? client,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var outcome = new RosterUploadOutcome
        {
            Import = import.Summary,
            Administration = administration,
            Mode = mode,
            IdempotencyKey = idempotencyKey,
        };
        if (client is null)
        {
            foreach (var _ in import.ReadRecords())
            {
                outcome.RecordCount++;
                ReportProgress(import, progress);
            }

            return outcome;
        }

        var sources = new List<SourceLocation>();
        using var call = client.UploadRoster(cancellationToken: cancellationToken);
        var header = new RosterUploadHeader { Administration = administration, Mode = mode, IdempotencyKey = idempotencyKey };
        await WriteAsync(call, new UploadRosterRequest { Header = header }, cancellationToken);

        var batch = new StudentBatch();
        foreach (var student in import.ReadRecords())
        {
            sources.Add(student.Source);
            batch.Students.Add(ToContract(student));
            ReportProgress(import, progress);
            if (batch.Students.Count == BatchSize)
            {
                await WriteAsync(call, new UploadRosterRequest { Batch = batch }, cancellationToken);
                batch = new StudentBatch();
            }
        }

        if (batch.Students.Count > 0)
        {
            await WriteAsync(call, new UploadRosterRequest { Batch = batch }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        outcome.RecordCount = sources.Count;
        outcome.Upload = response.Upload;
        foreach (var rejected in response.Upload.RejectedRecords)
        {
            var source = rejected.RecordIndex >= 0 && rejected.RecordIndex < sources.Count
                ? sources[rejected.RecordIndex]
                : new SourceLocation(import.Summary.Files.FirstOrDefault()?.File ?? "?", 0);
            outcome.ServerRejections.Add(new ServerRejection(
                source, rejected.RecordIndex, rejected.Ssid, rejected.BadRequest?.FieldViolations.ToList() ?? []));
        }

        outcome.ServerRejections.Sort((left, right) => left.RecordIndex.CompareTo(right.RecordIndex));
        return outcome;
    }

    /// <summary>
    /// Writes one message. When the gateway has already ended the call (a rejected header, an
    /// expired token), the write fails and the call's own status is raised instead.
    /// </summary>
    private static async Task WriteAsync(
        AsyncClientStreamingCall<UploadRosterRequest, UploadRosterResponse> call,
        UploadRosterRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or RpcException && !cancellationToken.IsCancellationRequested)
        {
            await call.ResponseAsync;
            throw;
        }
    }

    private static void ReportProgress(StudentImport import, IProgress<int>? progress)
    {
        var extract = import.Summary.Files.FirstOrDefault();
        if (progress is not null && extract is not null)
        {
            progress.Report(extract.DataRows);
        }
    }

    private static SsrGateway.V1.StudentRecord ToContract(ImportedStudent student)
    {
        var record = new SsrGateway.V1.StudentRecord
        {
            Ssid = student.Ssid,
            LocalStudentId = student.LocalStudentId ?? string.Empty,
            FirstName = student.FirstName,
            MiddleName = student.MiddleName ?? string.Empty,
            LastName = student.LastName,
            Grade = student.Grade,
            SchoolCdsCode = student.SchoolCode.Value,
            PrimaryLanguageCode = student.PrimaryLanguage.Code ?? string.Empty,
        };
        foreach (var guardian in student.Guardians)
        {
            record.Guardians.Add(new GuardianRecord
            {
                Name = guardian.Name ?? string.Empty,
                Relationship = guardian.Relationship ?? string.Empty,
                MobilePhone = guardian.MobilePhone ?? string.Empty,
                TextingConsent = guardian.TextingConsent switch
                {
                    ImportedConsent.Yes => SsrGateway.V1.TextingConsent.Yes,
                    ImportedConsent.No => SsrGateway.V1.TextingConsent.No,
                    _ => SsrGateway.V1.TextingConsent.Unknown,
                },
                PreferredLanguage = guardian.PreferredLanguage ?? string.Empty,
                PortalAccountId = guardian.PortalAccountId ?? string.Empty,
            });
        }

        return record;
    }
}
