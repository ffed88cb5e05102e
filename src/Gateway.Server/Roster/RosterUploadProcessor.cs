using System.Diagnostics;
using System.Threading.Channels;
using Gateway.Domain.Roster;
using Gateway.Domain.Tenancy;
using Gateway.Server.Rpc;
using Gateway.Storage.Roster;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Proto = SsrGateway.V1;

namespace Gateway.Server.Roster;

/// <summary>
/// Runs one client-streamed roster upload: validates the header, validates records as they
/// arrive, stages them in batches while the next batch is read, rejects duplicate SSIDs, then
/// merges the staged records into the roster in one transaction. Memory contains at most three
/// staging batches (one being filled, one queued, one being written) and the list of rejected
/// records, never the whole roster.
/// </summary>
internal sealed class RosterUploadProcessor
{
    /// <summary>Records per staging transaction.</summary>
    public const int StagingBatchSize = 10_000;

    /// <summary>Records per upload; record indexes are 32-bit in the contract.</summary>
    public const int MaxRecordsPerUpload = 10_000_000;

    private readonly RosterStore _store;
    private readonly LanguageCodes _languages;
    private readonly TimeProvider _time;
    private readonly ILogger<RosterUploadProcessor> _logger;
    private readonly TimeSpan _abandonedStagingAge;

    public RosterUploadProcessor(RosterStore store, LanguageCodes languages, TimeProvider time, IOptions<RosterStagingOptions> staging, ILogger<RosterUploadProcessor> logger)
    {
        _abandonedStagingAge = staging.Value.AbandonedAge;
        _store = store;
        _languages = languages;
        _time = time;
        _logger = logger;
    }

    private sealed record Header(Proto.RosterUploadHeader Message, Domain.Administration Administration, RosterUploadMode Mode, string IdempotencyKey);

    /// <summary>
    /// Runs an upload for <paramref name="leaCode"/> and returns its outcome, or the stored outcome
    /// of an earlier upload with the same idempotency key and content. Throws INVALID_ARGUMENT for
    /// a malformed header or message sequence and FAILED_PRECONDITION (IDEMPOTENCY_KEY_REUSED) for
    /// a reused key with other content; either way nothing is committed.
    /// </summary>
    public async Task<Proto.RosterUpload> UploadAsync(IAsyncStreamReader<Proto.UploadRosterRequest> requests, string leaCode, string clientId, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(requests, cancellationToken);
        using var contentHash = new UploadContentHash();
        contentHash.Append(header.Message);

        var existing = await _store.FindUploadByKeyAsync(header.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            await HashRemainingAsync(requests, contentHash, cancellationToken);
            return Replay(existing, contentHash.Finish(), leaCode, clientId);
        }

        var uploadId = Guid.CreateVersion7().ToString("N");
        RosterLog.UploadStarted(_logger, uploadId, leaCode, clientId, header.Administration.ToString(), header.Mode.ToString());
        try
        {
            return await StageAndMergeAsync(requests, header, uploadId, leaCode, clientId, contentHash, cancellationToken);
        }
        catch (RpcException exception)
        {
            RosterLog.UploadRejected(_logger, uploadId, leaCode, clientId, exception.Status.Detail);
            await _store.DiscardStagedAsync(uploadId, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && IsClientGone(exception, cancellationToken))
        {
            RosterLog.UploadCancelled(_logger, uploadId, leaCode);
            await _store.DiscardStagedAsync(uploadId, CancellationToken.None);
            throw;
        }
        catch (Exception exception)
        {
            RosterLog.UploadFailed(_logger, exception, uploadId, leaCode);
            await _store.DiscardStagedAsync(uploadId, CancellationToken.None);
            throw;
        }
    }

    // A client that resets its stream surfaces as an IOException from the request reader. It can
    // arrive before the call's token is cancelled, and both mean the client left, not a fault.
    private static bool IsClientGone(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested || exception is IOException;

    private async Task<Proto.RosterUpload> StageAndMergeAsync(
        IAsyncStreamReader<Proto.UploadRosterRequest> requests, Header header, string uploadId, string leaCode, string clientId,
        UploadContentHash contentHash, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = _time.GetUtcNow();
        await _store.DeleteAbandonedStagingAsync(now - _abandonedStagingAge, cancellationToken);
        var rejected = await StageAsync(requests, uploadId, leaCode, contentHash, cancellationToken);
        var duplicates = await _store.TakeDuplicatesAsync(uploadId, cancellationToken);
        var rejectedRecords = AddDuplicates(rejected, duplicates);
        var hash = contentHash.Finish();

        var upload = new Proto.RosterUpload
        {
            UploadId = uploadId,
            Administration = RosterMapping.ToProto(header.Administration),
            Mode = RosterMapping.ToProto(header.Mode),
            IdempotencyKey = header.IdempotencyKey,
            RejectedCount = rejectedRecords.Count,
            CreateTime = Timestamp.FromDateTimeOffset(now),
        };
        upload.RejectedRecords.AddRange(rejectedRecords);

        var result = await _store.MergeAsync(ToEntity(upload, header, hash), upload.RejectedCount, counts =>
        {
            upload.AcceptedCount = counts.AcceptedCount;
            upload.UnchangedCount = counts.UnchangedCount;
            upload.RemovedCount = counts.RemovedCount;
            upload.RosterVersion = counts.RosterVersion;
            return upload.ToByteArray();
        }, cancellationToken);

        if (result is null)
        {
            // Another upload with the same key committed after our lookup; it decides the outcome.
            RosterLog.ConcurrentUploadWithSameKey(_logger, uploadId, leaCode);
            await _store.DiscardStagedAsync(uploadId, CancellationToken.None);
            var winner = await _store.FindUploadByKeyAsync(header.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException($"Upload {uploadId} lost its idempotency key to an upload that cannot be read.");
            return Replay(winner, hash, leaCode, clientId);
        }

        RosterLog.UploadCommitted(_logger, uploadId, leaCode, result.AcceptedCount, upload.RejectedCount, result.UnchangedCount, result.RemovedCount, result.RosterVersion, stopwatch.ElapsedMilliseconds);
        return upload;
    }

    private static async Task<Header> ReadHeaderAsync(IAsyncStreamReader<Proto.UploadRosterRequest> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken))
        {
            throw RpcErrors.InvalidField("header", "the upload is empty: the first message must be a header");
        }

        if (requests.Current.KindCase != Proto.UploadRosterRequest.KindOneofCase.Header)
        {
            throw RpcErrors.InvalidField("header", "the first message must be a header, not a batch of students");
        }

        var header = requests.Current.Header;
        var administration = RosterMapping.ToDomain(header.Administration, "header.administration");
        var mode = RosterMapping.ToDomain(header.Mode)
            ?? throw RpcErrors.InvalidField("header.mode", "mode must be UPLOAD_MODE_FULL or UPLOAD_MODE_DELTA");

        var key = header.IdempotencyKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw RpcErrors.InvalidField("header.idempotency_key", "idempotency key is required; use a new random value per upload, such as a UUID");
        }

        if (key.Length > RosterLimits.MaxIdempotencyKeyLength)
        {
            throw RpcErrors.InvalidField("header.idempotency_key", $"idempotency key has {key.Length} characters; the maximum is {RosterLimits.MaxIdempotencyKeyLength}");
        }

        if (key.Any(char.IsControl))
        {
            throw RpcErrors.InvalidField("header.idempotency_key", "idempotency key contains a control character");
        }

        return new Header(header, administration, mode, key);
    }

    // Reads the batches on this task and stages them on another, so a batch is decoded and
    // validated while the previous one is written.
    private async Task<List<Proto.RejectedRecord>> StageAsync(
        IAsyncStreamReader<Proto.UploadRosterRequest> requests, string uploadId, string leaCode, UploadContentHash contentHash, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<List<StagedRecord>>(1);
        var stager = Task.Run(() => WriteChunksAsync(chunks.Reader, uploadId, stop), CancellationToken.None);

        // NOTE: rejected records stay in memory until the response is sent, so an upload of
        // mostly invalid records needs memory in proportion to its size.
        var rejected = new List<Proto.RejectedRecord>();
        Exception? readError = null;
        try
        {
            await ReadRecordsAsync(requests, leaCode, contentHash, chunks.Writer, rejected, stop.Token);
            chunks.Writer.Complete();
        }
        catch (Exception exception)
        {
            readError = exception;
            chunks.Writer.TryComplete();
            await stop.CancelAsync();
        }

        try
        {
            await stager;
        }
        catch (Exception) when (readError is not null && !(readError is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The reader failed first; the stager only stopped because of it.
        }

        if (readError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readError);
        }

        return rejected;
    }

    private async Task WriteChunksAsync(ChannelReader<List<StagedRecord>> chunks, string uploadId, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var chunk in chunks.ReadAllAsync(stop.Token))
            {
                // Stamped per batch: the staging sweep treats an upload as abandoned only when its
                // newest batch is older than the abandoned age.
                await _store.StageAsync(uploadId, chunk, _time.GetUtcNow(), stop.Token);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task ReadRecordsAsync(
        IAsyncStreamReader<Proto.UploadRosterRequest> requests, string leaCode, UploadContentHash contentHash,
        ChannelWriter<List<StagedRecord>> chunks, List<Proto.RejectedRecord> rejected, CancellationToken cancellationToken)
    {
        var validator = new StudentValidator(CdsCode.Parse(leaCode), _languages);
        var chunk = new List<StagedRecord>(StagingBatchSize);
        var violations = new List<FieldViolation>();
        var recordIndex = 0;
        var messageIndex = 1;

        while (await requests.MoveNext(cancellationToken))
        {
            var request = requests.Current;
            if (request.KindCase == Proto.UploadRosterRequest.KindOneofCase.Header)
            {
                throw RpcErrors.InvalidField("header", $"message {messageIndex} is a second header; only the first message may be a header");
            }

            if (request.KindCase != Proto.UploadRosterRequest.KindOneofCase.Batch)
            {
                throw RpcErrors.InvalidField("batch", $"message {messageIndex} has neither a header nor a batch");
            }

            foreach (var record in request.Batch.Students)
            {
                if (recordIndex >= MaxRecordsPerUpload)
                {
                    throw RpcErrors.InvalidField("batch", $"the upload has more than {MaxRecordsPerUpload} records; split the roster into DELTA uploads");
                }

                contentHash.Append(record);
                violations.Clear();
                var student = validator.Validate(RosterMapping.ToInput(record), recordIndex, violations);
                if (student is null)
                {
                    rejected.Add(ToRejected(recordIndex, record.Ssid, violations));
                }

                var hasSsid = Ssid.TryNormalize(record.Ssid, out var ssid);
                if (hasSsid)
                {
                    chunk.Add(new StagedRecord(recordIndex, ssid!, student, student is null ? "" : StudentFingerprint.Compute(student)));
                }

                if (chunk.Count >= StagingBatchSize)
                {
                    await chunks.WriteAsync(chunk, cancellationToken);
                    chunk = new List<StagedRecord>(StagingBatchSize);
                }

                recordIndex++;
            }

            messageIndex++;
        }

        if (chunk.Count > 0)
        {
            await chunks.WriteAsync(chunk, cancellationToken);
        }
    }

    private static async Task HashRemainingAsync(IAsyncStreamReader<Proto.UploadRosterRequest> requests, UploadContentHash contentHash, CancellationToken cancellationToken)
    {
        var messageIndex = 1;
        while (await requests.MoveNext(cancellationToken))
        {
            if (requests.Current.KindCase != Proto.UploadRosterRequest.KindOneofCase.Batch)
            {
                throw RpcErrors.InvalidField("header", $"message {messageIndex} is not a batch; only the first message may be a header");
            }

            foreach (var record in requests.Current.Batch.Students)
            {
                contentHash.Append(record);
            }

            messageIndex++;
        }
    }

    private Proto.RosterUpload Replay(RosterUploadEntity existing, string contentHash, string leaCode, string clientId)
    {
        if (existing.ContentHash != contentHash)
        {
            RosterLog.IdempotencyKeyReused(_logger, leaCode, clientId, existing.Id);
            throw RpcErrors.FailedPrecondition(
                "IDEMPOTENCY_KEY_REUSED",
                $"idempotency key '{existing.IdempotencyKey}' was used by upload {existing.Id} with different content; use a new key for a new upload",
                new Dictionary<string, string> { ["upload_id"] = existing.Id });
        }

        RosterLog.UploadReplayed(_logger, existing.Id, leaCode, clientId);
        return Proto.RosterUpload.Parser.ParseFrom(existing.Outcome);
    }

    private static Proto.RejectedRecord ToRejected(int recordIndex, string ssid, IEnumerable<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description });
        }

        var trimmed = ssid.Trim();
        return new Proto.RejectedRecord
        {
            RecordIndex = recordIndex,
            Ssid = trimmed.Length <= 32 ? trimmed : trimmed[..32],
            BadRequest = badRequest,
        };
    }

    // Every record of a duplicated SSID is rejected; a record already rejected for another
    // reason gets the duplicate violation added. The result is ordered by record index.
    private static List<Proto.RejectedRecord> AddDuplicates(List<Proto.RejectedRecord> rejected, IReadOnlyList<DuplicateRecord> duplicates)
    {
        if (duplicates.Count == 0)
        {
            return rejected;
        }

        var byIndex = rejected.ToDictionary(r => r.RecordIndex);
        foreach (var group in duplicates.GroupBy(d => d.Ssid))
        {
            var indexes = group.Select(d => d.RecordIndex).Order().ToList();
            foreach (var index in indexes)
            {
                var others = string.Join(", ", indexes.Where(i => i != index));
                var violation = new FieldViolation($"students[{index}].ssid", $"SSID {group.Key} also appears at record {others} of this upload; every copy is rejected");
                if (byIndex.TryGetValue(index, out var existing))
                {
                    existing.BadRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description });
                }
                else
                {
                    byIndex[index] = ToRejected(index, group.Key, [violation]);
                }
            }
        }

        return [.. byIndex.Values.OrderBy(r => r.RecordIndex)];
    }

    private static RosterUploadEntity ToEntity(Proto.RosterUpload upload, Header header, string contentHash) => new()
    {
        Id = upload.UploadId,
        SchoolYear = header.Administration.SchoolYear,
        Assessment = header.Administration.Assessment,
        Mode = header.Mode,
        IdempotencyKey = header.IdempotencyKey,
        ContentHash = contentHash,
        AcceptedCount = upload.AcceptedCount,
        RejectedCount = upload.RejectedCount,
        UnchangedCount = upload.UnchangedCount,
        RemovedCount = upload.RemovedCount,
        RosterVersion = upload.RosterVersion,
        CreateTime = upload.CreateTime.ToDateTimeOffset(),
    };
}
