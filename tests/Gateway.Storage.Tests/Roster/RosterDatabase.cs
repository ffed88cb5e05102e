using Gateway.Storage.Providers;
using Gateway.Storage.Roster;
using Gateway.Storage.Tenancy;
using Gateway.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Tests.Roster;

/// <summary>
/// A roster database with contexts bound to any LEA: a SQLite file in a temporary folder, or a
/// new database on the shared PostgreSQL test cluster, each with its provider's bulk writer.
/// </summary>
internal sealed class RosterDatabase : IDisposable
{
    private static readonly TimeSpan SetUpTimeout = TimeSpan.FromSeconds(90);

    private readonly string _provider;
    private readonly string _connectionString;
    private readonly string? _folder;

    /// <summary>Creates a SQLite database.</summary>
    public RosterDatabase()
        : this(StorageProviders.Sqlite)
    {
    }

    /// <summary>Creates a database of <paramref name="provider"/>, one of <see cref="StorageProviders"/>.</summary>
    public RosterDatabase(string provider)
    {
        _provider = provider;
        if (provider == StorageProviders.Sqlite)
        {
            _folder = Path.Combine(Path.GetTempPath(), "gateway-storage-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            _connectionString = $"Data Source={Path.Combine(_folder, "gateway.db")};Pooling=False";
        }
        else
        {
            // xunit constructors cannot await; the wait is bounded instead.
            var create = CreatePostgreSqlDatabaseAsync();
            if (!create.Wait(SetUpTimeout))
            {
                throw new TimeoutException($"Creating the PostgreSQL test database took longer than {SetUpTimeout.TotalSeconds} s.");
            }

            _connectionString = create.Result;
        }

        BulkWriter = provider == StorageProviders.Sqlite ? new SqliteRosterBulkWriter() : new PostgreSqlRosterBulkWriter();
        using var db = CreateContext(null);
        db.Database.EnsureCreated();
    }

    /// <summary>The bulk writer the server registers for this provider.</summary>
    public IRosterBulkWriter BulkWriter { get; }

    public GatewayDbContext CreateContext(string? leaCode)
    {
        var tenant = new TenantScope { LeaCode = leaCode };
        if (_provider == StorageProviders.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
            sqlite.UseGatewaySqlite(_connectionString);
            return new SqliteGatewayDbContext(sqlite.Options, tenant);
        }

        var postgres = new DbContextOptionsBuilder<PostgreSqlGatewayDbContext>();
        postgres.UseGatewayPostgreSql(_connectionString);
        return new PostgreSqlGatewayDbContext(postgres.Options, tenant);
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string> CreatePostgreSqlDatabaseAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        return await server.CreateDatabaseAsync("roster");
    }
}
