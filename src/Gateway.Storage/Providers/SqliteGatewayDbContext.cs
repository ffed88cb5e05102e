using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Providers;

/// <summary>
/// <see cref="GatewayDbContext"/> on SQLite. The subclass exists only so that the SQLite
/// migrations (Migrations/Sqlite) and the PostgreSQL ones can live in one assembly: EF Core picks
/// the migrations whose <c>[DbContext]</c> attribute names the running context type.
/// </summary>
public sealed class SqliteGatewayDbContext : GatewayDbContext
{
    public SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options, ITenantScope tenant)
        : base(options, tenant)
    {
    }
}
