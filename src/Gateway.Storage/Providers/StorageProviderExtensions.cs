using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Storage.Providers;

/// <summary>Registers <see cref="GatewayDbContext"/> on the configured provider.</summary>
public static class StorageProviderExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayDbContext"/> (resolved as the provider's subclass, so EF Core
    /// finds that provider's migrations) with <paramref name="connectionString"/>.
    /// </summary>
    public static IServiceCollection AddGatewayDbContext(
        this IServiceCollection services, StorageProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        return provider switch
        {
            StorageProvider.Sqlite => services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(options =>
            {
                options.UseGatewaySqlite(connectionString);
                configure?.Invoke(options);
            }),
            StorageProvider.PostgreSql => services.AddDbContext<GatewayDbContext, PostgreSqlGatewayDbContext>(options =>
            {
                options.UseGatewayPostgreSql(connectionString);
                configure?.Invoke(options);
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Storage:Provider must be Sqlite or PostgreSql."),
        };
    }

    /// <summary>Parses <c>Storage:Provider</c>; null or empty means <see cref="StorageProvider.Sqlite"/>.</summary>
    public static StorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        return Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Storage:Provider '{value}' is not supported. Use Sqlite or PostgreSql.");
    }

    /// <summary>Uses SQLite with the gateway's migrations history table.</summary>
    public static DbContextOptionsBuilder UseGatewaySqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(GatewayDbContext).Assembly.FullName)
            .MigrationsHistoryTable("__EFMigrationsHistory"));

    /// <summary>Uses PostgreSQL (Npgsql) with the gateway's migrations history table.</summary>
    public static DbContextOptionsBuilder UseGatewayPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(typeof(GatewayDbContext).Assembly.FullName)
            .MigrationsHistoryTable("__EFMigrationsHistory"));
}
