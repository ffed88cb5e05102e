using Gateway.Domain;
using Gateway.Domain.Feed;
using Gateway.Server.Feed;
using Gateway.Storage;
using Gateway.Storage.Feed;
using Gateway.Storage.Orders;
using Gateway.Storage.Roster;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Server.Fulfillment;

/// <summary>
/// Applies validated link changes in one transaction per LEA. The transaction locks the LEA's
/// feed counter, checks each record against the LEA's active orders, updates the current links
/// and appends one history row per change with the next sequence numbers. The LEA's watchers
/// are woken after commit. The publisher runs without a tenant, so every query names its LEA.
/// </summary>
internal sealed class LinkPublisher(
    GatewayDbContext db, LeaWriteGate gate, ILinkFeedNotifier notifier, TimeProvider time, ILogger<LinkPublisher> logger)
{
    private const int MaxAttempts = 3;

    public async Task ApplyAsync(IReadOnlyList<LinkChange> changes, LinkChangeTally tally, CancellationToken cancellationToken)
    {
        foreach (var group in changes.GroupBy(c => c.LeaCode, StringComparer.Ordinal))
        {
            await ApplyWithRetryAsync(group.Key, group.ToList(), tally, cancellationToken);
        }
    }

    // The in-process gate queues this replica's writers of an LEA in order, so they do not poll
    // for the database lock against each other. The database lock still orders writers of all
    // replicas; a writer that timed out waiting for it retries, because nothing was committed.
    private async Task ApplyWithRetryAsync(string leaCode, List<LinkChange> changes, LinkChangeTally tally, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(leaCode, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var attemptTally = new LinkChangeTally();
            try
            {
                await ApplyToLeaAsync(leaCode, changes, attemptTally, cancellationToken);
                tally.Add(attemptTally);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && LinkFeedSequencer.IsTransient(exception))
            {
                db.ChangeTracker.Clear();
                FulfillmentLog.PublishRetried(logger, leaCode, attempt, exception);
            }
        }
    }


    private async Task ApplyToLeaAsync(string leaCode, List<LinkChange> changes, LinkChangeTally tally, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await LinkFeedSequencer.LockAsync(db, leaCode, cancellationToken);

        // One message may carry tens of thousands of records, so the rows are read in chunks
        // that stay below the database's limit of parameters per statement.
        var ordered = new List<OrderStudentEntity>();
        var current = new List<StudentEntity>();
        var links = new List<VideoLinkEntity>();
        foreach (var ssids in changes.Select(c => c.Ssid).Distinct().Chunk(QueryChunking.MaxValuesPerQuery))
        {
            ordered.AddRange(await db.OrderStudents.IgnoreQueryFilters()
                .Where(s => s.LeaCode == leaCode && !s.Cancelled && ssids.Contains(s.Ssid))
                .ToListAsync(cancellationToken));
            current.AddRange(await db.Students.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.LeaCode == leaCode && ssids.Contains(s.Ssid))
                .Include(s => s.Guardians)
                .ToListAsync(cancellationToken));
            links.AddRange(await db.VideoLinks.IgnoreQueryFilters()
                .Where(l => l.LeaCode == leaCode && ssids.Contains(l.Ssid))
                .ToListAsync(cancellationToken));
        }

        var now = time.GetUtcNow();
        var pending = new List<PendingUpdate>();
        foreach (var change in changes)
        {
            // A later record of this message for the same link changes the entity again, so each
            // history row keeps the URL and expiry as they were after its own change.
            var outcome = Apply(change, ordered, current, links, now, tally);
            if (outcome is var (link, kind))
            {
                pending.Add(new PendingUpdate(link, kind, link.Url, link.ExpireTime));
            }
        }

        if (pending.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        // New links need their ids before the history rows that point to them.
        await db.SaveChangesAsync(cancellationToken);
        var sequence = previous;
        foreach (var update in pending)
        {
            sequence++;
            update.Link.LastSequence = sequence;
            db.LinkUpdates.Add(ToHistory(update, sequence, now));
        }

        await LinkFeedSequencer.AdvanceAsync(db, leaCode, previous, sequence, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        FulfillmentLog.LinksPublished(logger, leaCode, pending.Count, previous + 1, sequence);
        await notifier.NotifyAsync(leaCode, sequence, CancellationToken.None);
    }

    private (VideoLinkEntity, LinkChangeType)? Apply(
        LinkChange change, List<OrderStudentEntity> ordered, List<StudentEntity> roster, List<VideoLinkEntity> links, DateTimeOffset now, LinkChangeTally tally)
    {
        var field = $"links[{change.Index}]";
        var student = ordered.FirstOrDefault(s => s.Ssid == change.Ssid && s.SchoolYear == change.SchoolYear && s.Assessment == change.Assessment);
        var link = links.FirstOrDefault(l => l.Ssid == change.Ssid && l.SchoolYear == change.SchoolYear
            && l.Assessment == change.Assessment && l.Language == change.Language);

        if (change.Url is null)
        {
            return Revoke(change, link, now, tally);
        }

        if (student is null)
        {
            tally.Reject(change.Index, change.LeaCode, change.Ssid,
                [($"{field}.ssid", $"SSID {change.Ssid} is not in an active order of LEA {change.LeaCode} for {change.SchoolYear} {change.Assessment}")]);
            return null;
        }

        if (change.Language != VideoLanguage.English && change.Language != student.PrimaryVideoLanguage)
        {
            tally.Reject(change.Index, change.LeaCode, change.Ssid,
                [($"{field}.language", $"the student's set has videos in English and {student.PrimaryVideoLanguage}, not in {change.Language}")]);
            return null;
        }

        if (link is not null && link.State != LinkChangeType.Revoked && link.Url == change.Url && link.ExpireTime == change.ExpireTime)
        {
            tally.Unchanged++;
            return null;
        }

        var kind = link is null || link.State == LinkChangeType.Revoked ? LinkChangeType.Available : LinkChangeType.Replaced;
        if (link is null)
        {
            link = new VideoLinkEntity
            {
                LeaCode = change.LeaCode, SchoolYear = change.SchoolYear, Assessment = change.Assessment,
                Ssid = change.Ssid, Language = change.Language,
            };
            db.VideoLinks.Add(link);
            links.Add(link);
        }

        // The roster as it is now names the portal accounts; the order's snapshot is the fallback
        // for a student removed from the roster after ordering.
        var onRoster = roster.FirstOrDefault(s => s.Ssid == change.Ssid && s.SchoolYear == change.SchoolYear && s.Assessment == change.Assessment);
        link.OrderId = student.OrderId;
        link.LocalStudentId = onRoster?.LocalStudentId ?? student.LocalStudentId;
        link.SchoolCdsCode = onRoster?.SchoolCdsCode ?? student.SchoolCdsCode;
        link.GuardianPortalAccountIds = onRoster is null ? student.GuardianPortalAccountIds : PortalAccounts(onRoster);
        link.State = kind;
        link.Url = change.Url;
        link.ExpireTime = change.ExpireTime;
        link.UpdateTime = now;
        tally.Accepted++;
        return (link, kind);
    }

    private static (VideoLinkEntity, LinkChangeType)? Revoke(LinkChange change, VideoLinkEntity? link, DateTimeOffset now, LinkChangeTally tally)
    {
        if (link is null)
        {
            tally.Reject(change.Index, change.LeaCode, change.Ssid,
                [($"links[{change.Index}].ssid", $"no {change.Language} link was published for SSID {change.Ssid} of LEA {change.LeaCode} in {change.SchoolYear} {change.Assessment}")]);
            return null;
        }

        if (link.State == LinkChangeType.Revoked)
        {
            tally.Unchanged++;
            return null;
        }

        link.State = LinkChangeType.Revoked;
        link.Url = "";
        link.ExpireTime = null;
        link.UpdateTime = now;
        tally.Accepted++;
        return (link, LinkChangeType.Revoked);
    }

    private static string PortalAccounts(StudentEntity student) =>
        string.Join('\n', student.Guardians.OrderBy(g => g.Ordinal).Select(g => g.PortalAccountId).Where(id => id.Length > 0));

    private static LinkUpdateEntity ToHistory(PendingUpdate update, long sequence, DateTimeOffset now)
    {
        var link = update.Link;
        return new LinkUpdateEntity
        {
            LeaCode = link.LeaCode,
            Sequence = sequence,
            LinkId = link.Id,
            ChangeType = update.Change,
            SchoolYear = link.SchoolYear,
            Assessment = link.Assessment,
            Ssid = link.Ssid,
            LocalStudentId = link.LocalStudentId,
            SchoolCdsCode = link.SchoolCdsCode,
            GuardianPortalAccountIds = link.GuardianPortalAccountIds,
            Language = link.Language,
            Url = update.Url,
            ExpireTime = update.ExpireTime,
            CommitTime = now,
        };
    }

    /// <summary>One applied change, with the link's URL and expiry right after it.</summary>
    private sealed record PendingUpdate(VideoLinkEntity Link, LinkChangeType Change, string Url, DateTimeOffset? ExpireTime);
}
