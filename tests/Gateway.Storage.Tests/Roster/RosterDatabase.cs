using Gateway.Storage.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Tests.Roster;

/// <summary>A SQLite database file in a temporary folder, with contexts bound to any LEA.</summary>
internal sealed class RosterDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gateway-storage-" + Guid.NewGuid().ToString("N"));

    public RosterDatabase()
    {
        Directory.CreateDirectory(_folder);
        using var db = CreateContext(null);
        db.Database.EnsureCreated();
    }

    public GatewayDbContext CreateContext(string? leaCode)
    {
        var options = new DbContextOptionsBuilder<GatewayDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "gateway.db")};Pooling=False")
            .Options;
        return new GatewayDbContext(options, new TenantScope { LeaCode = leaCode });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
