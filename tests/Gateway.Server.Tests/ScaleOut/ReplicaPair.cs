using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Testing;

namespace Gateway.Server.Tests.ScaleOut;

/// <summary>
/// Two gateway hosts on loopback that share one PostgreSQL database and one private Redis, as
/// two replicas behind a load balancer do. Token keys are shared because every
/// <see cref="TestGateway"/> of the test process gets the same configured keys.
/// </summary>
internal sealed class ReplicaPair : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private ReplicaPair(RedisServer redis, string databaseConnectionString, TestGateway a, TestGateway b)
    {
        Redis = redis;
        DatabaseConnectionString = databaseConnectionString;
        A = a;
        B = b;
    }

    public RedisServer Redis { get; }

    public string DatabaseConnectionString { get; }

    public TestGateway A { get; }

    public TestGateway B { get; }

    /// <summary>
    /// Starts a private Redis and the two replicas, A first so that it creates the schema.
    /// <paramref name="configure"/> adjusts the options of both.
    /// </summary>
    public static async Task<ReplicaPair> StartAsync(PostgresServer postgres, Action<TestGatewayOptions>? configure = null)
    {
        var redis = await RedisServer.StartNewAsync().WaitAsync(Timeout);
        var database = await postgres.CreateDatabaseAsync("replicas").WaitAsync(Timeout);

        void Configure(TestGatewayOptions options)
        {
            options.StorageProvider = StorageProviders.PostgreSql;
            options.Configuration["ConnectionStrings:Gateway"] = database;
            options.Configuration["ConnectionStrings:Redis"] = redis.ConnectionString;
            configure?.Invoke(options);
        }

        var a = await TestGateway.StartAsync(Configure).WaitAsync(Timeout);
        var b = await TestGateway.StartAsync(Configure).WaitAsync(Timeout);
        return new ReplicaPair(redis, database, a, b);
    }

    // TestGateway.DisposeAsync throws on unexpected error logs; the other replica and Redis must
    // stop anyway, or the redis-server process outlives the test run.
    public async ValueTask DisposeAsync()
    {
        try
        {
            await B.DisposeAsync();
        }
        finally
        {
            try
            {
                await A.DisposeAsync();
            }
            finally
            {
                await Redis.DisposeAsync();
            }
        }
    }
}
