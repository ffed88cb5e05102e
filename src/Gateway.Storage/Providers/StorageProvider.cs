namespace Gateway.Storage.Providers;

/// <summary>Database engine behind <see cref="GatewayDbContext"/>, set by <c>Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>An SQLite file under the data folder; the default, for one replica.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database that several replicas share.</summary>
    PostgreSql = 1,
}
