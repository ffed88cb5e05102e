namespace Gateway.Server.Roster;

/// <summary>Log messages of roster uploads and reads. Never logs student or guardian values.</summary>
internal static partial class RosterLog
{
    [LoggerMessage(EventId = 2001, EventName = "UploadStarted", Level = LogLevel.Information,
        Message = "Roster upload {UploadId} started for LEA {Lea} by client {ClientId}: {Administration}, mode {Mode}")]
    public static partial void UploadStarted(ILogger logger, string uploadId, string lea, string clientId, string administration, string mode);

    [LoggerMessage(EventId = 2002, EventName = "UploadCommitted", Level = LogLevel.Information,
        Message = "Roster upload {UploadId} for LEA {Lea} committed: {Accepted} accepted, {Rejected} rejected, {Unchanged} unchanged, {Removed} removed, roster version {RosterVersion}, {ElapsedMs} ms")]
    public static partial void UploadCommitted(ILogger logger, string uploadId, string lea, int accepted, int rejected, int unchanged, int removed, long rosterVersion, long elapsedMs);

    [LoggerMessage(EventId = 2003, EventName = "UploadReplayed", Level = LogLevel.Information,
        Message = "Roster upload with an idempotency key already used for upload {UploadId} of LEA {Lea} by client {ClientId} matched it; returned the stored result")]
    public static partial void UploadReplayed(ILogger logger, string uploadId, string lea, string clientId);

    [LoggerMessage(EventId = 2004, EventName = "IdempotencyKeyReused", Level = LogLevel.Information,
        Message = "Rejected a roster upload of LEA {Lea} by client {ClientId}: its idempotency key belongs to upload {UploadId} with different content")]
    public static partial void IdempotencyKeyReused(ILogger logger, string lea, string clientId, string uploadId);

    [LoggerMessage(EventId = 2005, EventName = "UploadRejected", Level = LogLevel.Information,
        Message = "Rejected roster upload {UploadId} of LEA {Lea} by client {ClientId}: {Reason}")]
    public static partial void UploadRejected(ILogger logger, string uploadId, string lea, string clientId, string reason);

    [LoggerMessage(EventId = 2006, EventName = "UploadCancelled", Level = LogLevel.Information,
        Message = "Roster upload {UploadId} of LEA {Lea} was cancelled by the client; nothing was committed")]
    public static partial void UploadCancelled(ILogger logger, string uploadId, string lea);

    [LoggerMessage(EventId = 2007, EventName = "UploadFailed", Level = LogLevel.Error,
        Message = "Roster upload {UploadId} of LEA {Lea} failed; nothing was committed")]
    public static partial void UploadFailed(ILogger logger, Exception exception, string uploadId, string lea);

    [LoggerMessage(EventId = 2008, EventName = "ConcurrentUploadWithSameKey", Level = LogLevel.Information,
        Message = "Roster upload {UploadId} of LEA {Lea} lost a race with another upload using the same idempotency key")]
    public static partial void ConcurrentUploadWithSameKey(ILogger logger, string uploadId, string lea);

    [LoggerMessage(EventId = 2009, EventName = "AbandonedStagingDeleted", Level = LogLevel.Information,
        Message = "Deleted {StudentCount} staged roster records of abandoned uploads")]
    public static partial void AbandonedStagingDeleted(ILogger logger, int studentCount);

    [LoggerMessage(EventId = 2010, EventName = "StagingSweepFailed", Level = LogLevel.Error,
        Message = "Deleting staged roster records of abandoned uploads failed; the next sweep tries again")]
    public static partial void StagingSweepFailed(ILogger logger, Exception exception);
}
