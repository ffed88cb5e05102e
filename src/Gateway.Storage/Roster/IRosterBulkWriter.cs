namespace Gateway.Storage.Roster;

/// <summary>
/// Writes staged upload records in bulk, the one step of an upload whose speed depends on the
/// database driver. The SQLite implementation reuses prepared INSERT statements; a PostgreSQL one
/// can use binary COPY.
/// </summary>
public interface IRosterBulkWriter
{
    /// <summary>
    /// Inserts <paramref name="records"/> and their guardians into the staging tables of upload
    /// <paramref name="uploadId"/> in one transaction of its own, stamped with
    /// <paramref name="leaCode"/>.
    /// </summary>
    Task StageAsync(GatewayDbContext db, string leaCode, string uploadId, IReadOnlyList<StagedRecord> records, DateTimeOffset stageTime, CancellationToken cancellationToken);
}
