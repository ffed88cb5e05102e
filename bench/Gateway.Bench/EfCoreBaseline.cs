using System.Diagnostics;
using Gateway.Storage;
using Gateway.Storage.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench;

/// <summary>
/// The baseline for roster uploads: the gateway's own schema in a scratch SQLite file, filled by
/// a plain <c>AddRange</c> and one <c>SaveChanges</c>, with no gRPC, validation or staging.
/// </summary>
internal static class EfCoreBaseline
{
    public static async Task<RosterStepResult> InsertAsync(int students, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-efcore-").FullName;
        try
        {
            await using var services = BuildServices(dataDirectory);
            await GatewayDatabase.InitializeAsync(services, cancellationToken);

            // Warm-up into another school year, so JIT compilation and model building are not measured.
            await InsertAsync(services, schoolYear: "2024-25", students: 1_000, cancellationToken);

            using var sampler = new MemorySampler(sampleInterval);
            sampler.Start();
            var stopwatch = Stopwatch.StartNew();

            await InsertAsync(services, SyntheticRoster.SchoolYear, students, cancellationToken);

            stopwatch.Stop();
            var memory = sampler.Stop();
            return new RosterStepResult("EF Core AddRange+SaveChanges (baseline)", students, stopwatch.Elapsed.TotalSeconds, students, 0, memory);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayStorage(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task InsertAsync(IServiceProvider services, string schoolYear, int students, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = SyntheticRoster.LeaCode;
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();

        var now = DateTimeOffset.UtcNow;
        db.Students.AddRange(Enumerable.Range(0, students).Select(index => SyntheticRoster.Entity(index, schoolYear, now)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
