namespace Gateway.Storage;

/// <summary>Settings of the system of record, bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (the default, embedded) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// Folder for the SQLite file and development keys, created on first run. Relative paths are
    /// resolved against the current directory. Default: <c>data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";
}

/// <summary>Names accepted by <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
}
