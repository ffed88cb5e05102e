using Gateway.Domain;
using Gateway.Domain.Pricing;
using Gateway.Domain.Roster;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Roster;

/// <summary>Counts of a merged upload and the roster version after it.</summary>
public sealed record RosterMergeResult(int AcceptedCount, int UnchangedCount, int RemovedCount, long RosterVersion);

/// <summary>A staged record whose SSID occurs more than once in its upload.</summary>
public sealed record DuplicateRecord(int RecordIndex, string Ssid);

/// <summary>Filters of a roster read; an empty list does not filter.</summary>
public sealed record StudentFilter(
    IReadOnlyCollection<string> SchoolCdsCodes,
    IReadOnlyCollection<string> Grades,
    IReadOnlyCollection<VideoLanguage> VideoLanguages,
    IReadOnlyCollection<string>? Ssids = null)
{
    public static readonly StudentFilter None = new([], [], []);
}

/// <summary>
/// Roster storage for the context's LEA: staging and merging uploads, roster versions, and reads.
/// Every query goes through the tenant filter; the raw SQL of the merge names the LEA itself.
/// </summary>
public sealed class RosterStore
{
    private readonly GatewayDbContext _db;
    private readonly IRosterBulkWriter _bulkWriter;

    public RosterStore(GatewayDbContext db, IRosterBulkWriter bulkWriter)
    {
        _db = db;
        _bulkWriter = bulkWriter;
    }

    private string LeaCode => _db.CurrentLeaCode ?? throw new InvalidOperationException("The roster store needs a context bound to an LEA.");

    /// <summary>Returns the upload stored under an idempotency key, or null.</summary>
    public Task<RosterUploadEntity?> FindUploadByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        _db.RosterUploads.AsNoTracking().SingleOrDefaultAsync(u => u.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>Returns an upload by id, or null when it is missing or belongs to another LEA.</summary>
    public Task<RosterUploadEntity?> FindUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        _db.RosterUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uploadId, cancellationToken);

    /// <summary>Writes records of an upload in progress to the staging tables.</summary>
    public Task StageAsync(string uploadId, IReadOnlyList<StagedRecord> records, DateTimeOffset stageTime, CancellationToken cancellationToken) =>
        _bulkWriter.StageAsync(_db, LeaCode, uploadId, records, stageTime, cancellationToken);

    /// <summary>
    /// Returns every staged record whose SSID occurs more than once in the upload, ordered by
    /// record index, then removes them and the rejected records from staging.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateRecord>> TakeDuplicatesAsync(string uploadId, CancellationToken cancellationToken)
    {
        var duplicates = await _db.Database
            .SqlQueryRaw<DuplicateRecord>(RosterMergeSql.SelectDuplicates, uploadId)
            .ToListAsync(cancellationToken);

        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteDuplicateGuardians, [uploadId], cancellationToken);
        await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteRejectedAndDuplicates, [uploadId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return duplicates;
    }

    /// <summary>
    /// Merges the staged records into the roster and stores the upload row in one transaction, so
    /// readers see the roster before or after the upload and never a mix. The upload row is
    /// inserted first, which claims its idempotency key. <paramref name="buildOutcome"/> receives
    /// the counts and returns the serialized response to store. Returns null, changing nothing,
    /// when another upload already uses the key.
    /// </summary>
    /// <remarks>
    /// NOTE: the transaction runs set-based statements over the staged records, so it is not
    /// constant-time: about 3 s for 100,000 new students on SQLite (estimate from one run on a
    /// shared 2-core machine). Readers are not blocked under WAL, but other writers wait.
    /// </remarks>
    public async Task<RosterMergeResult?> MergeAsync(
        RosterUploadEntity upload, int rejectedCount, Func<RosterMergeResult, byte[]> buildOutcome, CancellationToken cancellationToken)
    {
        var administration = new Administration(upload.SchoolYear, upload.Assessment);
        var mode = upload.Mode;
        var uploadId = upload.Id;
        object[] parameters = [uploadId, LeaCode, administration.SchoolYear, (int)administration.Assessment, upload.CreateTime];

        // The claim is the transaction's first statement, so it takes SQLite's write lock before
        // any read and waits for a concurrent upload to commit instead of failing on a stale snapshot.
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await _db.Database.ExecuteSqlRawAsync(
            RosterMergeSql.ClaimUpload,
            [uploadId, LeaCode, upload.SchoolYear, (int)upload.Assessment, (int)mode, upload.IdempotencyKey, upload.ContentHash, upload.CreateTime, Array.Empty<byte>()],
            cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var removed = 0;
        if (mode == RosterUploadMode.Full)
        {
            await Execute(RosterMergeSql.DeleteGuardiansOfUnlisted);
            removed = await Execute(RosterMergeSql.DeleteUnlisted);
        }

        await Execute(RosterMergeSql.DeleteUnchangedGuardians);
        var unchanged = await Execute(RosterMergeSql.DeleteUnchanged);
        await Execute(RosterMergeSql.DeleteGuardiansOfChanged);
        var updated = await Execute(RosterMergeSql.UpdateChanged);
        var inserted = await Execute(RosterMergeSql.InsertNew);
        await Execute(RosterMergeSql.InsertGuardians);
        await Execute(RosterMergeSql.DeleteStagedGuardians);
        await Execute(RosterMergeSql.DeleteStaged);

        var accepted = updated + inserted;
        if (accepted > 0 || removed > 0)
        {
            await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.BumpVersion, [LeaCode, administration.SchoolYear, (int)administration.Assessment], cancellationToken);
        }

        var result = new RosterMergeResult(accepted, unchanged, removed, await GetRosterVersionAsync(administration, cancellationToken));
        await _db.Database.ExecuteSqlRawAsync(
            RosterMergeSql.CompleteUpload,
            [uploadId, accepted, rejectedCount, unchanged, removed, result.RosterVersion, buildOutcome(result)],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;

        Task<int> Execute(string sql) => _db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Deletes whatever an upload staged; used when the upload fails or is cancelled.</summary>
    public async Task DiscardStagedAsync(string uploadId, CancellationToken cancellationToken)
    {
        await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteStagedGuardians, [uploadId], cancellationToken);
        await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteStaged, [uploadId], cancellationToken);
    }

    /// <summary>
    /// Deletes staged rows of every LEA staged before <paramref name="cutoff"/>; returns the number
    /// of staged students deleted.
    /// </summary>
    public async Task<int> DeleteAbandonedStagingAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteAbandonedGuardians, [cutoff], cancellationToken);
        return await _db.Database.ExecuteSqlRawAsync(RosterMergeSql.DeleteAbandoned, [cutoff], cancellationToken);
    }

    /// <summary>Returns the roster version of an administration; 0 when nothing was ever uploaded.</summary>
    public async Task<long> GetRosterVersionAsync(Administration administration, CancellationToken cancellationToken)
    {
        var version = await _db.RosterVersions.AsNoTracking()
            .Where(v => v.SchoolYear == administration.SchoolYear && v.Assessment == administration.Assessment)
            .Select(v => (long?)v.Version)
            .SingleOrDefaultAsync(cancellationToken);
        return version ?? 0;
    }

    /// <summary>Returns a student with guardians in order, or null when not on the roster.</summary>
    public async Task<StudentEntity?> FindStudentAsync(Administration administration, string ssid, CancellationToken cancellationToken)
    {
        var student = await OfAdministration(administration)
            .Include(s => s.Guardians)
            .SingleOrDefaultAsync(s => s.Ssid == ssid, cancellationToken);
        student?.Guardians.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return student;
    }

    /// <summary>
    /// Returns up to <paramref name="take"/> students ordered by SSID, starting after
    /// <paramref name="afterSsid"/> (null for the first page), with guardians in order.
    /// </summary>
    public async Task<List<StudentEntity>> ListStudentsAsync(Administration administration, StudentFilter filter, string? afterSsid, int take, CancellationToken cancellationToken)
    {
        if (filter.Ssids is { Count: > QueryChunking.MaxValuesPerQuery })
        {
            return await ListStudentsInChunksAsync(administration, filter, afterSsid, take, cancellationToken);
        }

        var query = Filter(OfAdministration(administration), filter);
        if (afterSsid is not null)
        {
            query = query.Where(s => string.Compare(s.Ssid, afterSsid) > 0);
        }

        var students = await query.OrderBy(s => s.Ssid).Take(take).Include(s => s.Guardians).AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var student in students)
        {
            student.Guardians.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        }

        return students;
    }

    // Reads a long SSID list in sorted chunks, each query in SSID order, so the pages stay in
    // SSID order and no query exceeds the database's parameter limit.
    private async Task<List<StudentEntity>> ListStudentsInChunksAsync(Administration administration, StudentFilter filter, string? afterSsid, int take, CancellationToken cancellationToken)
    {
        var students = new List<StudentEntity>();
        foreach (var chunk in SortedChunks(filter.Ssids!, afterSsid))
        {
            var page = await ListStudentsAsync(administration, filter with { Ssids = chunk }, afterSsid, take - students.Count, cancellationToken);
            students.AddRange(page);
            if (students.Count >= take)
            {
                break;
            }
        }

        return students;
    }

    /// <summary>Streams the selected students with what a quote needs, ordered by SSID.</summary>
    public async IAsyncEnumerable<QuoteStudent> StreamQuoteStudentsAsync(
        Administration administration, StudentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (filter.Ssids is not { Count: > QueryChunking.MaxValuesPerQuery })
        {
            await foreach (var student in QuoteStudents(administration, filter).WithCancellation(cancellationToken))
            {
                yield return student;
            }

            yield break;
        }

        foreach (var chunk in SortedChunks(filter.Ssids, afterSsid: null))
        {
            await foreach (var student in QuoteStudents(administration, filter with { Ssids = chunk }).WithCancellation(cancellationToken))
            {
                yield return student;
            }
        }
    }

    private IAsyncEnumerable<QuoteStudent> QuoteStudents(Administration administration, StudentFilter filter) =>
        Filter(OfAdministration(administration), filter)
            .OrderBy(s => s.Ssid)
            .Select(s => new QuoteStudent(
                s.Ssid,
                s.PrimaryVideoLanguage,
                s.Guardians.Select(g => new QuoteGuardian(g.Textable, g.TextingConsent)).ToList()))
            .AsAsyncEnumerable();

    // SSIDs are 10 ASCII digits, so ordinal order is the database's order too.
    private static IEnumerable<string[]> SortedChunks(IEnumerable<string> ssids, string? afterSsid) =>
        ssids.Where(s => afterSsid is null || string.CompareOrdinal(s, afterSsid) > 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Chunk(QueryChunking.MaxValuesPerQuery);

    private IQueryable<StudentEntity> OfAdministration(Administration administration) =>
        _db.Students.AsNoTracking().Where(s => s.SchoolYear == administration.SchoolYear && s.Assessment == administration.Assessment);

    private static IQueryable<StudentEntity> Filter(IQueryable<StudentEntity> query, StudentFilter filter)
    {
        if (filter.SchoolCdsCodes.Count > 0)
        {
            query = query.Where(s => filter.SchoolCdsCodes.Contains(s.SchoolCdsCode));
        }

        if (filter.Grades.Count > 0)
        {
            query = query.Where(s => filter.Grades.Contains(s.Grade));
        }

        if (filter.VideoLanguages.Count > 0)
        {
            query = query.Where(s => filter.VideoLanguages.Contains(s.PrimaryVideoLanguage));
        }

        if (filter.Ssids is { Count: > 0 })
        {
            query = query.Where(s => filter.Ssids.Contains(s.Ssid));
        }

        return query;
    }
}
