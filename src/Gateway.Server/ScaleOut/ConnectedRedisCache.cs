using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Gateway.Server.ScaleOut;

/// <summary>
/// The Redis <see cref="IDistributedCache"/> behind HybridCache, skipped while the multiplexer
/// has no connection: reads miss and writes are dropped instead of failing. HybridCache then
/// serves from memory without logging an error per call; the outage itself is logged once by the
/// multiplexer's connection events. NOTE: a call that starts just before the connection drops can
/// still fail inside Redis, and HybridCache logs that one.
/// </summary>
internal sealed class ConnectedRedisCache(IDistributedCache redis, IConnectionMultiplexer multiplexer) : IDistributedCache
{
    public byte[]? Get(string key) => multiplexer.IsConnected ? redis.Get(key) : null;

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        multiplexer.IsConnected ? redis.GetAsync(key, token) : Task.FromResult<byte[]?>(null);

    public void Refresh(string key)
    {
        if (multiplexer.IsConnected)
        {
            redis.Refresh(key);
        }
    }

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        multiplexer.IsConnected ? redis.RefreshAsync(key, token) : Task.CompletedTask;

    public void Remove(string key)
    {
        if (multiplexer.IsConnected)
        {
            redis.Remove(key);
        }
    }

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        multiplexer.IsConnected ? redis.RemoveAsync(key, token) : Task.CompletedTask;

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (multiplexer.IsConnected)
        {
            redis.Set(key, value, options);
        }
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        multiplexer.IsConnected ? redis.SetAsync(key, value, options, token) : Task.CompletedTask;
}
