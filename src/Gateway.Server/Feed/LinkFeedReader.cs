using Gateway.Domain.Feed;
using Gateway.Storage;
using Gateway.Storage.Feed;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Server.Feed;

/// <summary>Queries of the token LEA's feed; every query goes through the tenant filter.</summary>
internal sealed class LinkFeedReader(GatewayDbContext db)
{
    /// <summary>Returns the LEA's last committed and last pruned sequence numbers; (0, 0) before any update.</summary>
    public async Task<(long Last, long PrunedThrough)> ReadCounterAsync(CancellationToken cancellationToken)
    {
        var counter = await db.LeaFeedCounters.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return counter is null ? (0, 0) : (counter.LastSequence, counter.PrunedThroughSequence);
    }

    /// <summary>Reads up to <paramref name="limit"/> updates after a sequence number, in order.</summary>
    public Task<List<LinkUpdateEntity>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken) =>
        db.LinkUpdates.AsNoTracking()
            .Where(u => u.Sequence > after)
            .OrderBy(u => u.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Reads up to <paramref name="limit"/> current links with an id above <paramref name="afterId"/>.</summary>
    public Task<List<VideoLinkEntity>> ReadLinksAsync(long afterId, int limit, IReadOnlyCollection<string> schools, CancellationToken cancellationToken)
    {
        var query = db.VideoLinks.AsNoTracking().Where(l => l.Id > afterId);
        if (schools.Count > 0)
        {
            query = query.Where(l => schools.Contains(l.SchoolCdsCode));
        }

        return query.OrderBy(l => l.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Returns the LEA's portal-field mapping, or null when it never set one.</summary>
    public Task<PortalFieldMappingEntity?> ReadMappingEntityAsync(CancellationToken cancellationToken) =>
        db.PortalFieldMappings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>Returns the LEA's portal-field mapping or the defaults.</summary>
    public async Task<PortalFieldMapping> ReadMappingAsync(CancellationToken cancellationToken)
    {
        var entity = await ReadMappingEntityAsync(cancellationToken);
        return entity is null
            ? PortalFieldMapping.Default
            : new PortalFieldMapping(entity.EnglishLinkField, entity.PrimaryLanguageLinkField, entity.LabelField, entity.LanguageField, entity.ExpireTimeField);
    }
}
