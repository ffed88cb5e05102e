using Microsoft.EntityFrameworkCore;
using Gateway.Storage.Roster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Storage.Providers;

/// <summary>Registers <see cref="GatewayDbContext"/> on the configured provider.</summary>
public static class StorageProviderExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayDbContext"/> as the provider's subclass, so that EF Core finds
    /// that provider's migrations, and for PostgreSQL the COPY-based <see cref="IRosterBulkWriter"/>. <paramref name="provider"/> is one of
    /// <see cref="StorageProviders"/>, compared without case.
    /// </summary>
    public static IServiceCollection AddGatewayDbContext(
        this IServiceCollection services, string provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        if (string.Equals(provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(options =>
            {
                options.UseGatewaySqlite(connectionString);
                configure?.Invoke(options);
            });
        }

        if (string.Equals(provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            // Registered before the roster feature, which adds the SQLite writer only when none is.
            services.TryAddSingleton<IRosterBulkWriter, PostgreSqlRosterBulkWriter>();
            return services.AddDbContext<GatewayDbContext, PostgreSqlGatewayDbContext>(options =>
            {
                options.UseGatewayPostgreSql(connectionString);
                configure?.Invoke(options);
            });
        }

        throw new InvalidOperationException(
            $"Storage:Provider '{provider}' is not supported; use {StorageProviders.Sqlite} or {StorageProviders.PostgreSql}.");
    }

    /// <summary>
    /// Uses SQLite, with the migrations in Migrations/Sqlite and OpenIddict's entities in the
    /// model. The server, the design-time factory and the tests all call this, so they share one model.
    /// </summary>
    public static DbContextOptionsBuilder UseGatewaySqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite
                .MigrationsAssembly(typeof(GatewayDbContext).Assembly.FullName)
                .MigrationsHistoryTable("__EFMigrationsHistory"))
            .UseOpenIddict();

    /// <summary>Uses PostgreSQL through Npgsql; otherwise like <see cref="UseGatewaySqlite"/>.</summary>
    public static DbContextOptionsBuilder UseGatewayPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(typeof(GatewayDbContext).Assembly.FullName)
                .MigrationsHistoryTable("__EFMigrationsHistory"))
            .UseOpenIddict();
}
