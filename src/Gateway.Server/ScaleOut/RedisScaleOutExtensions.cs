using Gateway.Server.Feed;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Server.ScaleOut;

/// <summary>
/// Registers what replicas share through Redis when <c>ConnectionStrings:Redis</c> is set: the
/// distributed layer of HybridCache, the ASP.NET Core data-protection key ring and link-feed
/// wake-ups over pub/sub. Without the setting nothing is
/// registered and the gateway runs as a single replica.
/// </summary>
public static class RedisScaleOutExtensions
{
    /// <summary>Name of the connection string that turns the Redis scale-out on.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>Redis key of the data-protection key ring, a list of XML elements.</summary>
    public const string DataProtectionKey = "ssr-gateway:data-protection-keys";

    /// <summary>Prefix of every HybridCache entry the gateway stores in Redis.</summary>
    public const string CacheInstanceName = "ssr-gateway:cache:";

    /// <summary>
    /// Registers the Redis multiplexer, the Redis distributed cache, the Redis key ring and
    /// <see cref="RedisLinkFeedNotifier"/> when
    /// <c>ConnectionStrings:Redis</c> is set. Returns whether it was set.
    /// </summary>
    public static bool AddGatewayRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        services.AddSingleton<IConnectionMultiplexer>(provider => Connect(connectionString, provider.GetRequiredService<ILogger<RedisConnection>>()));

        // HybridCache finds the IDistributedCache registration and uses it as its second level.
        services.AddStackExchangeRedisCache(options => options.InstanceName = CacheInstanceName);
        services.AddOptions<RedisCacheOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>()));
        DecorateRedisCache(services);

        services.AddDataProtection().SetApplicationName("ssr-gateway");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, provider) =>
            {
                var multiplexer = provider.GetRequiredService<IConnectionMultiplexer>();
                options.XmlRepository = new RedisXmlRepository(() => multiplexer.GetDatabase(), DataProtectionKey);
            });

        // Registered before the link feed, which adds its in-process notifier only when none is.
        services.AddSingleton<RedisLinkFeedNotifier>();
        services.AddSingleton<ILinkFeedNotifier>(provider => provider.GetRequiredService<RedisLinkFeedNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisLinkFeedNotifier>());

        return true;
    }

    // Wraps the registration AddStackExchangeRedisCache made in ConnectedRedisCache.
    private static void DecorateRedisCache(IServiceCollection services)
    {
        var registration = services.Last(descriptor => descriptor.ServiceType == typeof(IDistributedCache));
        services.Remove(registration);
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var redis = registration.ImplementationType is { } type
                ? (IDistributedCache)ActivatorUtilities.CreateInstance(provider, type)
                : (IDistributedCache)registration.ImplementationFactory!(provider);
            return new ConnectedRedisCache(redis, provider.GetRequiredService<IConnectionMultiplexer>());
        });
    }

    // AbortOnConnectFail=false lets the host start while Redis is down and reconnect in the
    // background. FailFast makes commands fail at once while disconnected instead of queueing
    // until a timeout, so a cache miss costs no wait and calls keep their latency.
    private static ConnectionMultiplexer Connect(string connectionString, ILogger logger)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "ssr-gateway";

        var multiplexer = ConnectionMultiplexer.Connect(options);
        multiplexer.ConnectionFailed += (_, e) => RedisLog.ConnectionFailed(logger, e.EndPoint?.ToString(), e.FailureType, e.Exception);
        multiplexer.ConnectionRestored += (_, e) => RedisLog.ConnectionRestored(logger, e.EndPoint?.ToString());
        if (!multiplexer.IsConnected)
        {
            RedisLog.StartedDisconnected(logger, options.ToString(includePassword: false));
        }

        return multiplexer;
    }
}

/// <summary>Category type of the Redis connection's log messages.</summary>
public sealed class RedisConnection
{
    private RedisConnection()
    {
    }
}
