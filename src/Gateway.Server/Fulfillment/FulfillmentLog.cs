namespace Gateway.Server.Fulfillment;

/// <summary>Log messages of vendor publishing. They carry LEA codes and counts, never URLs.</summary>
internal static partial class FulfillmentLog
{
    [LoggerMessage(EventId = 4001, EventName = "LinksPublished", Level = LogLevel.Information,
        Message = "Committed {Count} link changes for LEA {LeaCode} as sequences {FirstSequence} to {LastSequence}")]
    public static partial void LinksPublished(ILogger logger, string leaCode, int count, long firstSequence, long lastSequence);

    [LoggerMessage(EventId = 4004, EventName = "PublishRetried", Level = LogLevel.Warning,
        Message = "Committing links for LEA {LeaCode} failed on attempt {Attempt} with a transient database error; retrying")]
    public static partial void PublishRetried(ILogger logger, string leaCode, int attempt, Exception exception);

    [LoggerMessage(EventId = 4002, EventName = "PublishCompleted", Level = LogLevel.Information,
        Message = "Link publishing by client {ClientId} completed: {Accepted} accepted, {Rejected} rejected, {Unchanged} unchanged")]
    public static partial void PublishCompleted(ILogger logger, string clientId, int accepted, int rejected, int unchanged);

    [LoggerMessage(EventId = 4003, EventName = "RevokeCompleted", Level = LogLevel.Information,
        Message = "Link revocation by client {ClientId} completed: {Accepted} revoked, {Rejected} rejected, {Unchanged} already revoked")]
    public static partial void RevokeCompleted(ILogger logger, string clientId, int accepted, int rejected, int unchanged);
}
