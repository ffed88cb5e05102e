using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Providers;

/// <summary>
/// <see cref="GatewayDbContext"/> on PostgreSQL, with its own migrations in
/// Migrations/PostgreSql (see <see cref="SqliteGatewayDbContext"/> for why it is a subclass).
/// </summary>
public sealed class PostgreSqlGatewayDbContext : GatewayDbContext
{
    public PostgreSqlGatewayDbContext(DbContextOptions<PostgreSqlGatewayDbContext> options, ITenantScope tenant)
        : base(options, tenant)
    {
    }
}
