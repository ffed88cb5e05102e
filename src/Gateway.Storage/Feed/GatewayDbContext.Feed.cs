using Gateway.Storage.Feed;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

public partial class GatewayDbContext
{
    public DbSet<VideoLinkEntity> VideoLinks => Set<VideoLinkEntity>();
    public DbSet<LinkUpdateEntity> LinkUpdates => Set<LinkUpdateEntity>();
    public DbSet<LeaFeedCounterEntity> LeaFeedCounters => Set<LeaFeedCounterEntity>();
    public DbSet<LinkAcknowledgementEntity> LinkAcknowledgements => Set<LinkAcknowledgementEntity>();
    public DbSet<PortalFieldMappingEntity> PortalFieldMappings => Set<PortalFieldMappingEntity>();
    public DbSet<FeedSigningKeyEntity> FeedSigningKeys => Set<FeedSigningKeyEntity>();
}
