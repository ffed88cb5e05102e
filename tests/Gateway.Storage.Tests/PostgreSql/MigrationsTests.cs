using Gateway.Storage.Providers;
using Gateway.Storage.Tenancy;
using Gateway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gateway.Storage.Tests.PostgreSql;

/// <summary>
/// Applies each provider's migrations to an empty database. A failure of the model check means
/// the model changed without scripts/regenerate-migrations.sh (or a new migration).
/// </summary>
public abstract class MigrationsTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    protected abstract Task<GatewayDbContext> CreateContextAsync();

    [Fact]
    public async Task Migrations_create_current_model()
    {
        await using var context = await CreateContextAsync();

        await context.Database.MigrateAsync().WaitAsync(Timeout);

        Assert.Empty(await context.Database.GetPendingMigrationsAsync().WaitAsync(Timeout));
        Assert.False(context.Database.HasPendingModelChanges(), "The model has changes that no migration covers; run scripts/regenerate-migrations.sh.");
    }

    [Fact]
    public async Task Migrations_are_provider_specific()
    {
        await using var context = await CreateContextAsync();

        var migrationNamespaces = context.GetService<IMigrationsAssembly>().Migrations.Values
            .Select(type => type.Namespace)
            .Distinct()
            .ToList();

        var expected = context is SqliteGatewayDbContext ? "Gateway.Storage.Migrations.Sqlite" : "Gateway.Storage.Migrations.PostgreSql";
        Assert.Equal([expected], migrationNamespaces);
    }
}

public sealed class SqliteMigrationsTests : MigrationsTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-sqlite-").FullName;

    protected override Task<GatewayDbContext> CreateContextAsync()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        options.UseGatewaySqlite($"Data Source={Path.Combine(_folder, "gateway.db")};Pooling=false");
        return Task.FromResult<GatewayDbContext>(new SqliteGatewayDbContext(options.Options, new TenantScope()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class PostgreSqlMigrationsTests : MigrationsTests
{
    protected override async Task<GatewayDbContext> CreateContextAsync()
    {
        var server = await PostgresServer.GetSharedAsync().WaitAsync(Timeout);
        var connectionString = await server.CreateDatabaseAsync("migrations").WaitAsync(Timeout);
        var options = new DbContextOptionsBuilder<PostgreSqlGatewayDbContext>();
        options.UseGatewayPostgreSql(connectionString);
        return new PostgreSqlGatewayDbContext(options.Options, new TenantScope());
    }
}
