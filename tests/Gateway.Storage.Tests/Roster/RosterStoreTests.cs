using Gateway.Domain;
using Gateway.Domain.Roster;
using Gateway.Storage.Roster;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Tests.Roster;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class RosterStoreTests : IDisposable
{
    private const string LeaA = "19647330000000";
    private const string LeaB = "01611920000000";
    private static readonly Administration Summative = new("2025-26", Assessment.SummativeElpac);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RosterDatabase _database;

    protected RosterStoreTests(string provider)
    {
        _database = new RosterDatabase(provider);
    }

    public void Dispose() => _database.Dispose();

    private static StagedRecord Record(int index, string ssid, string lea, string firstName = "Ana", string phone = "415-555-2671")
    {
        var student = new ValidStudent(
            ssid, "L" + index, firstName, "", "García", "05", lea[..7] + "1234567", "01", VideoLanguage.Spanish,
            [new ValidGuardian("María", "Mother", MobilePhone.Parse(phone), TextingConsent.Yes, "SPA", "portal-" + index)]);
        return new StagedRecord(index, ssid, student, StudentFingerprint.Compute(student));
    }

    private async Task<RosterMergeResult> UploadAsync(string lea, RosterUploadMode mode, params StagedRecord[] records)
    {
        await using var db = _database.CreateContext(lea);
        var store = new RosterStore(db, _database.BulkWriter);
        var uploadId = Guid.NewGuid().ToString("N");

        await store.StageAsync(uploadId, records, Now, CancellationToken.None);
        await store.TakeDuplicatesAsync(uploadId, CancellationToken.None);
        var upload = new RosterUploadEntity
        {
            Id = uploadId,
            SchoolYear = Summative.SchoolYear,
            Assessment = Summative.Assessment,
            Mode = mode,
            IdempotencyKey = uploadId,
            CreateTime = Now,
        };
        var result = await store.MergeAsync(upload, 0, _ => [1, 2, 3], CancellationToken.None);
        Assert.NotNull(result);
        return result;
    }

    [Fact]
    public async Task TenantFilter_HidesOtherLea()
    {
        await UploadAsync(LeaA, RosterUploadMode.Full, Record(0, "1000000001", LeaA), Record(1, "1000000002", LeaA));
        await UploadAsync(LeaB, RosterUploadMode.Full, Record(0, "2000000001", LeaB));

        await using var db = _database.CreateContext(LeaA);

        var students = await db.Students.ToListAsync();
        Assert.Equal(["1000000001", "1000000002"], students.Select(s => s.Ssid).Order());
        Assert.All(students, s => Assert.Equal(LeaA, s.LeaCode));
        Assert.All(await db.Guardians.ToListAsync(), g => Assert.Equal(LeaA, g.LeaCode));
        Assert.Single(await db.RosterVersions.ToListAsync());
        Assert.Single(await db.RosterUploads.ToListAsync());
        Assert.Null(await db.Students.SingleOrDefaultAsync(s => s.Ssid == "2000000001"));
        Assert.Equal(3, await db.Students.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task LongSsidFilter_PagesAcrossChunks()
    {
        // Every 3rd SSID is on the roster, so the roster students span several query chunks.
        var onRoster = Enumerable.Range(0, 1_200).Select(i => (1_000_000_000 + (i * 3)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await UploadAsync(LeaA, RosterUploadMode.Full, [.. onRoster.Select((ssid, i) => Record(i, ssid, LeaA))]);
        var selected = Enumerable.Range(0, 3_600).Select(i => (1_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToList();
        var filter = StudentFilter.None with { Ssids = selected };

        await using var db = _database.CreateContext(LeaA);
        var store = new RosterStore(db, _database.BulkWriter);
        var paged = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListStudentsAsync(Summative, filter, after, 250, CancellationToken.None);
            paged.AddRange(page.Select(s => s.Ssid));
            if (page.Count < 250)
            {
                break;
            }

            after = page[^1].Ssid;
        }

        var streamed = new List<string>();
        await foreach (var student in store.StreamQuoteStudentsAsync(Summative, filter, CancellationToken.None))
        {
            streamed.Add(student.Ssid);
        }

        Assert.True(selected.Count > QueryChunking.MaxValuesPerQuery * 2);
        Assert.Equal(onRoster, paged);
        Assert.Equal(onRoster, streamed);
    }

    [Fact]
    public async Task Merge_FullThenDelta()
    {
        var first = await UploadAsync(LeaA, RosterUploadMode.Full, Record(0, "1000000001", LeaA), Record(1, "1000000002", LeaA), Record(2, "1000000003", LeaA));
        Assert.Equal(new RosterMergeResult(3, 0, 0, 1), first);

        var full = await UploadAsync(LeaA, RosterUploadMode.Full, Record(0, "1000000001", LeaA), Record(1, "1000000002", LeaA, firstName: "Anaís"), Record(2, "1000000004", LeaA));
        Assert.Equal(new RosterMergeResult(2, 1, 1, 2), full);

        var delta = await UploadAsync(LeaA, RosterUploadMode.Delta, Record(0, "1000000001", LeaA), Record(1, "1000000005", LeaA));
        Assert.Equal(new RosterMergeResult(1, 1, 0, 3), delta);

        var unchanged = await UploadAsync(LeaA, RosterUploadMode.Delta, Record(0, "1000000001", LeaA));
        Assert.Equal(new RosterMergeResult(0, 1, 0, 3), unchanged);

        await using var db = _database.CreateContext(LeaA);
        var store = new RosterStore(db, _database.BulkWriter);
        var list = await store.ListStudentsAsync(Summative, StudentFilter.None, null, 10, CancellationToken.None);
        Assert.Equal(["1000000001", "1000000002", "1000000004", "1000000005"], list.Select(s => s.Ssid));
        Assert.Equal("Anaís", list[1].FirstName);
        Assert.All(list, s => Assert.Single(s.Guardians));
        Assert.Equal(4, await db.Guardians.CountAsync());
        Assert.Equal("+14155552671", list[0].Guardians[0].MobilePhoneE164);
        Assert.Equal(0, await db.StagedStudents.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await db.StagedGuardians.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Merge_UpdateKeepsStudentId()
    {
        await UploadAsync(LeaA, RosterUploadMode.Full, Record(0, "1000000001", LeaA));
        long id;
        await using (var db = _database.CreateContext(LeaA))
        {
            id = (await db.Students.SingleAsync()).Id;
        }

        await UploadAsync(LeaA, RosterUploadMode.Delta, Record(0, "1000000001", LeaA, phone: "800-555-0199"));

        await using var check = _database.CreateContext(LeaA);
        var student = await check.Students.Include(s => s.Guardians).SingleAsync();
        Assert.Equal(id, student.Id);
        var guardian = Assert.Single(student.Guardians);
        Assert.False(guardian.Textable);
        Assert.Equal("toll-free number", guardian.NotTextableReason);
    }

    [Fact]
    public async Task Merge_KeyTakenChangesNothing()
    {
        await UploadAsync(LeaA, RosterUploadMode.Full, Record(0, "1000000001", LeaA));
        await using var db = _database.CreateContext(LeaA);
        var store = new RosterStore(db, _database.BulkWriter);
        var existing = await db.RosterUploads.AsNoTracking().SingleAsync();
        await store.StageAsync("u2", [Record(0, "1000000002", LeaA)], Now, CancellationToken.None);

        var result = await store.MergeAsync(
            new RosterUploadEntity { Id = "u2", SchoolYear = Summative.SchoolYear, Assessment = Summative.Assessment, Mode = RosterUploadMode.Full, IdempotencyKey = existing.IdempotencyKey, CreateTime = Now },
            0, _ => [], CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(["1000000001"], await db.Students.Select(s => s.Ssid).ToListAsync());
        Assert.Equal([1, 2, 3], (await db.RosterUploads.AsNoTracking().SingleAsync()).Outcome);
        Assert.Equal(1, await store.GetRosterVersionAsync(Summative, CancellationToken.None));
    }

    [Fact]
    public async Task Duplicates_AreTakenFromStaging()
    {
        await using var db = _database.CreateContext(LeaA);
        var store = new RosterStore(db, _database.BulkWriter);
        StagedRecord[] records =
        [
            Record(0, "1000000001", LeaA),
            Record(1, "1000000002", LeaA),
            Record(2, "1000000001", LeaA),
            new StagedRecord(3, "1000000002", null, ""),
            Record(4, "1000000003", LeaA),
        ];

        await store.StageAsync("u1", records, Now, CancellationToken.None);
        var duplicates = await store.TakeDuplicatesAsync("u1", CancellationToken.None);

        Assert.Equal([new(0, "1000000001"), new(1, "1000000002"), new(2, "1000000001"), new(3, "1000000002")], duplicates);
        Assert.Equal([4], await db.StagedStudents.Select(s => s.RecordIndex).ToListAsync());
        Assert.Equal([4], await db.StagedGuardians.Select(g => g.RecordIndex).ToListAsync());
    }
}

public sealed class RosterStoreSqliteTests() : RosterStoreTests(StorageProviders.Sqlite);

public sealed class RosterStorePostgreSqlTests() : RosterStoreTests(StorageProviders.PostgreSql);
