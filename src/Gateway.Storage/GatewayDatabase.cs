using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Storage;

/// <summary>Creates or upgrades the database at start-up.</summary>
public static class GatewayDatabase
{
    /// <summary>
    /// Creates the data folder when missing, applies pending migrations of the configured
    /// provider, and switches SQLite to write-ahead logging so readers never wait for a writer.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<StorageOptions>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();

        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        // Migrations live per provider (Migrations/Sqlite, Migrations/PostgreSql). EF Core takes a
        // database lock while migrating, so replicas that start together apply them once.
        if (db.Database.IsNpgsql())
        {
            // On an empty PostgreSQL database, Npgsql's MigrateAsync reads the history table
            // before creating it and logs the failed SELECT as an error. Creating the table first
            // keeps a fresh deployment's log free of that false alarm.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
