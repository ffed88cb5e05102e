using System.CommandLine;
using Gateway.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Cli.Admin;

/// <summary>
/// Opens the gateway's store directly for admin commands, configured the same way as the server:
/// <c>Storage:Provider</c>, <c>Storage:DataDirectory</c> and <c>ConnectionStrings:Gateway</c>.
/// </summary>
internal static class AdminStore
{
    /// <summary>Environment variable naming the data folder; <c>--data-dir</c> overrides it.</summary>
    public const string DataDirectoryVariable = "GATEWAY_DATA_DIR";

    public static Option<string?> CreateDataDirectoryOption() => new("--data-dir")
    {
        Description =
            $"Data folder of the gateway (the one holding gateway.db). Default: ${DataDirectoryVariable}, else " +
            "$Storage__DataDirectory, else ./data. A server started with 'dotnet run --project src/Gateway.Server' " +
            "keeps its data in src/Gateway.Server/data.",
    };

    /// <summary>
    /// Builds the storage services and creates or upgrades the schema. Warns on standard error
    /// when no SQLite database exists yet at the resolved path, because that usually means the
    /// data folder is not the server's.
    /// </summary>
    public static async Task<ServiceProvider> OpenAsync(CliContext context, string? dataDirectory, CancellationToken cancellationToken)
    {
        var configuration = BuildConfiguration(context, dataDirectory);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayStorage(configuration);
        var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<StorageOptions>();
        var usesDefaultSqlite = string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageServiceCollectionExtensions.ConnectionStringName));
        if (usesDefaultSqlite && !File.Exists(StorageServiceCollectionExtensions.DefaultSqlitePath(options)))
        {
            await context.Error.WriteLineAsync(
                $"warning: no database at {StorageServiceCollectionExtensions.DefaultSqlitePath(options)}; creating a new one. " +
                "Pass --data-dir to use the server's data folder.");
        }

        await GatewayDatabase.InitializeAsync(provider, cancellationToken);
        return provider;
    }

    private static IConfiguration BuildConfiguration(CliContext context, string? dataDirectory)
    {
        // Environment variables use the .NET convention: Storage__Provider is Storage:Provider.
        var settings = context.Environment
            .Where(pair => pair.Key.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
                || pair.Key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair.Value);

        var folder = dataDirectory ?? context.GetEnvironment(DataDirectoryVariable);
        if (folder is not null)
        {
            settings[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = folder;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
