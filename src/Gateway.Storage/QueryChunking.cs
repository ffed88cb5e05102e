namespace Gateway.Storage;

/// <summary>
/// Size of the value lists that queries send to the database. EF Core 10 sends a list in
/// <c>Contains</c> as one SQL parameter per value on SQLite, and SQLite rejects a statement with
/// more than 32,766 parameters, so a longer list is split into queries of this size.
/// </summary>
public static class QueryChunking
{
    /// <summary>Maximum number of values of one list in one query.</summary>
    public const int MaxValuesPerQuery = 500;
}
