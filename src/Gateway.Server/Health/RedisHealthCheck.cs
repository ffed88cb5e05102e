using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Gateway.Server.Health;

/// <summary>
/// Reports Degraded, not Unhealthy, while Redis is unreachable: the gateway keeps serving with
/// in-memory caching and polling link watchers, so a replica stays ready.
/// </summary>
internal sealed class RedisHealthCheck : IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;

    public RedisHealthCheck(IConnectionMultiplexer redis)
    {
        _redis = redis;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_redis.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis is not connected; caching is local and link watchers poll.");
        }

        try
        {
            var latency = await _redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Degraded("Redis did not answer PING.", ex);
        }
    }
}
