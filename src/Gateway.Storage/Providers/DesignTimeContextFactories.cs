using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gateway.Storage.Providers;

// `dotnet ef migrations add --context SqliteGatewayDbContext|PostgreSqlGatewayDbContext` uses
// these factories (scripts/regenerate-migrations.sh). Adding a migration needs no running
// database, so the connection strings only name the provider.

internal sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        options.UseGatewaySqlite("Data Source=design-time.db");
        return new SqliteGatewayDbContext(options.Options, new TenantScope());
    }
}

internal sealed class PostgreSqlDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgreSqlGatewayDbContext>
{
    public PostgreSqlGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlGatewayDbContext>();
        options.UseGatewayPostgreSql("Host=127.0.0.1;Database=ssr_gateway_design");
        return new PostgreSqlGatewayDbContext(options.Options, new TenantScope());
    }
}
