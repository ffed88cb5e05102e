namespace Gateway.Server.Feed;

/// <summary>Log messages of the link feed. They carry LEA codes and sequence numbers, never URLs.</summary>
internal static partial class LinkFeedLog
{
    [LoggerMessage(EventId = 3001, EventName = "WatchStarted", Level = LogLevel.Information,
        Message = "Link watch started for LEA {LeaCode} after sequence {Sequence} (snapshot: {Snapshot}, schools: {SchoolCount})")]
    public static partial void WatchStarted(ILogger logger, string leaCode, long sequence, bool snapshot, int schoolCount);

    [LoggerMessage(EventId = 3002, EventName = "WatchEnded", Level = LogLevel.Information,
        Message = "Link watch for LEA {LeaCode} ended at sequence {Sequence}: {Reason}")]
    public static partial void WatchEnded(ILogger logger, string leaCode, long sequence, string reason);

    [LoggerMessage(EventId = 3003, EventName = "ResumeTokenExpired", Level = LogLevel.Information,
        Message = "Link watch for LEA {LeaCode} rejected: position {Sequence} is before the retained history, which was pruned through {PrunedThrough}")]
    public static partial void ResumeTokenExpired(ILogger logger, string leaCode, long sequence, long prunedThrough);

    [LoggerMessage(EventId = 3004, EventName = "ResumeTokenRejected", Level = LogLevel.Information,
        Message = "Link watch for LEA {LeaCode} rejected a resume token: {Reason}")]
    public static partial void ResumeTokenRejected(ILogger logger, string leaCode, string reason);

    [LoggerMessage(EventId = 3005, EventName = "HistoryPruned", Level = LogLevel.Information,
        Message = "Pruned link feed history of LEA {LeaCode} through sequence {Sequence} ({Count} updates)")]
    public static partial void HistoryPruned(ILogger logger, string leaCode, long sequence, int count);

    [LoggerMessage(EventId = 3006, EventName = "PruneFailed", Level = LogLevel.Error,
        Message = "Pruning link feed history failed; retrying at the next interval")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3007, EventName = "MappingUpdated", Level = LogLevel.Information,
        Message = "Portal-field mapping of LEA {LeaCode} updated")]
    public static partial void MappingUpdated(ILogger logger, string leaCode);

    [LoggerMessage(EventId = 3008, EventName = "Acknowledged", Level = LogLevel.Debug,
        Message = "LEA {LeaCode} acknowledged link updates: {Recorded} recorded, {Unchanged} unchanged, {Rejected} rejected")]
    public static partial void Acknowledged(ILogger logger, string leaCode, int recorded, int unchanged, int rejected);
}
