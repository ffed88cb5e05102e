using StackExchange.Redis;

namespace Gateway.Server.ScaleOut;

internal static partial class RedisLog
{
    [LoggerMessage(EventId = 5001, EventName = "RedisConnectionFailed", Level = LogLevel.Warning,
        Message = "The connection to Redis at {EndPoint} failed ({FailureType}); caching falls back to memory and link watchers to polling until it returns")]
    public static partial void ConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(EventId = 5002, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "The connection to Redis at {EndPoint} is restored")]
    public static partial void ConnectionRestored(ILogger logger, string? endPoint);

    [LoggerMessage(EventId = 5003, EventName = "RedisStartedDisconnected", Level = LogLevel.Warning,
        Message = "Redis ({Configuration}) is not reachable at startup; the gateway starts anyway and keeps reconnecting")]
    public static partial void StartedDisconnected(ILogger logger, string configuration);
}
