using Gateway.Domain.Feed;
using Gateway.Storage;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Proto = SsrGateway.V1;

namespace Gateway.Server.Orders;

/// <summary>
/// Counts, per school and in total, the token LEA's placed orders of one administration and what
/// became of their links. Figures are aggregated in SQL, one row per school.
/// </summary>
internal sealed class DistributionReportBuilder(GatewayDbContext db, TimeProvider time)
{
    public async Task<Proto.DistributionReport> BuildAsync(Domain.Administration administration, CancellationToken cancellationToken)
    {
        var (year, assessment) = (administration.SchoolYear, administration.Assessment);
        var ordered = await db.OrderStudents.AsNoTracking()
            .Where(s => !s.Cancelled && s.SchoolYear == year && s.Assessment == assessment)
            .GroupBy(s => s.SchoolCdsCode)
            .Select(g => new
            {
                School = g.Key,
                Students = g.Select(s => s.Ssid).Distinct().Count(),
                Sets = g.Count(),
                Texted = g.Count(s => s.TextedLink),
            })
            .ToListAsync(cancellationToken);

        var links = db.VideoLinks.AsNoTracking().Where(l => l.SchoolYear == year && l.Assessment == assessment);
        var published = await links
            .GroupBy(l => l.SchoolCdsCode)
            .Select(g => new { School = g.Key, Published = g.Count(), Available = g.Count(l => l.State != LinkChangeType.Revoked) })
            .ToListAsync(cancellationToken);

        // The acknowledgement of a link's latest update is the one that counts.
        var acknowledged = await links
            .Join(db.LinkAcknowledgements.AsNoTracking(), l => l.LastSequence, a => a.Sequence, (l, a) => new { l.SchoolCdsCode, a.Written, a.Reason })
            .GroupBy(x => new { x.SchoolCdsCode, x.Written, x.Reason })
            .Select(g => new { g.Key.SchoolCdsCode, g.Key.Written, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var schools = ordered.Select(o => o.School).Concat(published.Select(p => p.School)).Distinct().Order(StringComparer.Ordinal);
        var report = new Proto.DistributionReport
        {
            Administration = new Proto.Administration { SchoolYear = year, Assessment = (Proto.Assessment)(int)assessment },
            CreateTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            Total = new Proto.DistributionFigures(),
        };
        foreach (var school in schools)
        {
            var figures = new Proto.DistributionFigures { SchoolCdsCode = school };
            if (ordered.FirstOrDefault(o => o.School == school) is { } o)
            {
                (figures.StudentsOrdered, figures.Sets, figures.TextedLinks) = (o.Students, o.Sets, o.Texted);
            }

            if (published.FirstOrDefault(p => p.School == school) is { } p)
            {
                (figures.LinksPublished, figures.LinksAvailable) = (p.Published, p.Available);
            }

            var acks = acknowledged.Where(a => a.SchoolCdsCode == school).ToList();
            figures.LinksWritten = acks.Where(a => a.Written).Sum(a => a.Count);
            figures.LinksFailed = acks.Where(a => !a.Written).Sum(a => a.Count);
            figures.FailureReasons.AddRange(acks.Where(a => !a.Written).OrderBy(a => a.Reason, StringComparer.Ordinal)
                .Select(a => new Proto.FailureReasonCount { Reason = a.Reason, Count = a.Count }));
            report.Schools.Add(figures);
        }

        report.Total = Sum(report.Schools);
        return report;
    }

    // Students are distinct per school; a student ordered at two schools counts at each.
    private static Proto.DistributionFigures Sum(IEnumerable<Proto.DistributionFigures> schools)
    {
        var total = new Proto.DistributionFigures();
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var school in schools)
        {
            total.StudentsOrdered += school.StudentsOrdered;
            total.Sets += school.Sets;
            total.LinksPublished += school.LinksPublished;
            total.LinksAvailable += school.LinksAvailable;
            total.LinksWritten += school.LinksWritten;
            total.LinksFailed += school.LinksFailed;
            total.TextedLinks += school.TextedLinks;
            foreach (var reason in school.FailureReasons)
            {
                reasons[reason.Reason] = reasons.GetValueOrDefault(reason.Reason) + reason.Count;
            }
        }

        total.FailureReasons.AddRange(reasons.Select(r => new Proto.FailureReasonCount { Reason = r.Key, Count = r.Value }));
        return total;
    }
}
