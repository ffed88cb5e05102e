using System.Collections.Concurrent;
using Gateway.Server.Feed;
using StackExchange.Redis;

namespace Gateway.Server.ScaleOut;

/// <summary>
/// <see cref="ILinkFeedNotifier"/> for replicas that share a database: a notification wakes the
/// local watchers at once and is published on a Redis channel, so the other replicas wake theirs.
/// The database stays the log. A message lost while Redis is down delays a watcher by at most
/// <see cref="LinkFeedOptions.HeartbeatInterval"/>, when it rereads the database anyway, and a
/// restored connection wakes every local watcher to catch up at once.
/// </summary>
internal sealed class RedisLinkFeedNotifier : BackgroundService, ILinkFeedNotifier
{
    /// <summary>Redis channel of the wake-up messages, each "{lea}:{sequence}:{replica id}".</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("ssr-gateway:link-feed");

    private static readonly TimeSpan SubscribeRetryDelay = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly string _replicaId = Guid.NewGuid().ToString("N");
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisLinkFeedNotifier> _logger;

    public RedisLinkFeedNotifier(IConnectionMultiplexer redis, ILogger<RedisLinkFeedNotifier> logger)
    {
        _redis = redis;
        _logger = logger;
    }

    public Task WaitForChangeAsync(string leaCode, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(leaCode, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return signal.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask NotifyAsync(string leaCode, long lastSequence, CancellationToken cancellationToken)
    {
        Wake(leaCode);
        try
        {
            await _redis.GetSubscriber().PublishAsync(Channel, $"{leaCode}:{lastSequence}:{_replicaId}");
        }
        catch (RedisException ex)
        {
            // The update is committed; other replicas see it at their next poll.
            RedisFeedLog.PublishFailed(_logger, leaCode, lastSequence, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _redis.ConnectionRestored += OnConnectionRestored;

        // StackExchange.Redis restores subscriptions after a reconnect, but the first subscribe
        // must succeed once; retry it while Redis is down at start-up.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnMessage(message));
                RedisFeedLog.Subscribed(_logger, Channel.ToString());
                return;
            }
            catch (RedisException ex)
            {
                RedisFeedLog.SubscribeFailed(_logger, SubscribeRetryDelay.TotalSeconds, ex);
                await Task.Delay(SubscribeRetryDelay, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        await base.StopAsync(cancellationToken);
    }

    private void OnMessage(RedisValue message)
    {
        var parts = message.ToString().Split(':');
        if (parts.Length != 3 || parts[2] == _replicaId)
        {
            return;
        }

        Wake(parts[0]);
    }

    // Messages published while this replica was disconnected are lost; waking every watcher makes
    // each reread the database now instead of at its next poll.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        foreach (var leaCode in _signals.Keys)
        {
            Wake(leaCode);
        }
    }

    private void Wake(string leaCode)
    {
        if (_signals.TryRemove(leaCode, out var signal))
        {
            signal.TrySetResult();
        }
    }
}

internal static partial class RedisFeedLog
{
    [LoggerMessage(EventId = 5011, EventName = "LinkFeedSubscribed", Level = LogLevel.Information,
        Message = "Subscribed to link-feed wake-ups on Redis channel {Channel}")]
    public static partial void Subscribed(ILogger logger, string channel);

    [LoggerMessage(EventId = 5012, EventName = "LinkFeedSubscribeFailed", Level = LogLevel.Warning,
        Message = "Subscribing to link-feed wake-ups failed; retrying in {DelaySeconds} s, and watchers poll meanwhile")]
    public static partial void SubscribeFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 5013, EventName = "LinkFeedPublishFailed", Level = LogLevel.Debug,
        Message = "Publishing the link-feed wake-up for LEA {LeaCode} up to sequence {Sequence} failed; other replicas see it at their next poll")]
    public static partial void PublishFailed(ILogger logger, string leaCode, long sequence, Exception exception);
}
