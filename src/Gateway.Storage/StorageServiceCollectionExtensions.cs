using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Storage;

/// <summary>Registers the store for the server and for admin commands.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Name of the connection string that overrides the default SQLite file.</summary>
    public const string ConnectionStringName = "Gateway";

    /// <summary>
    /// Registers <see cref="GatewayDbContext"/> (scoped), the per-request <see cref="TenantScope"/>
    /// and OpenIddict's core services over the same context, so token issuance and admin commands
    /// share one set of client records.
    /// </summary>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = ResolveConnectionString(options, configuration);

        services.AddSingleton(options);
        services.AddScoped<TenantScope>();
        services.AddScoped<ITenantScope>(provider => provider.GetRequiredService<TenantScope>());
        services.AddDbContext<GatewayDbContext>(builder =>
        {
            ConfigureProvider(builder, options.Provider, connectionString);
            builder.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<GatewayDbContext>());
        services.AddScoped<TenantAdministration>();
        return services;
    }

    /// <summary>The SQLite file path when the provider is SQLite and no connection string is set.</summary>
    public static string DefaultSqlitePath(StorageOptions options) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory), "gateway.db");

    private static string ResolveConnectionString(StorageOptions options, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Storage:Provider is {options.Provider}, which needs ConnectionStrings:{ConnectionStringName}; set it or use {StorageProviders.Sqlite}.");
        }

        // The command timeout doubles as SQLite's busy timeout: concurrent writers wait for the
        // single write lock instead of failing at once.
        return $"Data Source={DefaultSqlitePath(options)};Default Timeout=30;Pooling=True";
    }

    private static void ConfigureProvider(DbContextOptionsBuilder builder, string provider, string connectionString)
    {
        if (string.Equals(provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseSqlite(connectionString);
            return;
        }

        if (string.Equals(provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            builder.UseNpgsql(connectionString);
            return;
        }

        throw new InvalidOperationException(
            $"Storage:Provider '{provider}' is not supported; use {StorageProviders.Sqlite} or {StorageProviders.PostgreSql}.");
    }
}
