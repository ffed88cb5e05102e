using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Storage.Feed;

internal sealed class VideoLinkConfiguration : IEntityTypeConfiguration<VideoLinkEntity>
{
    public void Configure(EntityTypeBuilder<VideoLinkEntity> builder)
    {
        builder.ToTable("video_links");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.LeaCode, e.SchoolYear, e.Assessment, e.Ssid, e.Language }).IsUnique();
        builder.HasIndex(e => new { e.LeaCode, e.Id });
        builder.HasIndex(e => e.OrderId);
        builder.Property(e => e.LeaCode).HasMaxLength(14);
        builder.Property(e => e.SchoolYear).HasMaxLength(7);
        builder.Property(e => e.Ssid).HasMaxLength(10);
        builder.Property(e => e.SchoolCdsCode).HasMaxLength(14);
        builder.Property(e => e.Url).HasMaxLength(2048);
    }
}

internal sealed class LinkUpdateConfiguration : IEntityTypeConfiguration<LinkUpdateEntity>
{
    public void Configure(EntityTypeBuilder<LinkUpdateEntity> builder)
    {
        builder.ToTable("link_updates");
        builder.HasKey(e => new { e.LeaCode, e.Sequence });
        builder.HasIndex(e => new { e.LeaCode, e.CommitTime });

        // Stored as UTC ticks so that pruning can compare times in SQL on SQLite too.
        builder.Property(e => e.CommitTime).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.LeaCode).HasMaxLength(14);
        builder.Property(e => e.SchoolYear).HasMaxLength(7);
        builder.Property(e => e.Ssid).HasMaxLength(10);
        builder.Property(e => e.SchoolCdsCode).HasMaxLength(14);
        builder.Property(e => e.Url).HasMaxLength(2048);
    }
}

// Column names are lower snake case because LinkFeedSequencer writes this table with SQL that
// must run unchanged on SQLite and PostgreSQL.
internal sealed class LeaFeedCounterConfiguration : IEntityTypeConfiguration<LeaFeedCounterEntity>
{
    public void Configure(EntityTypeBuilder<LeaFeedCounterEntity> builder)
    {
        builder.ToTable("lea_feed_counter");
        builder.HasKey(e => e.LeaCode);
        builder.Property(e => e.LeaCode).HasColumnName("lea_code").HasMaxLength(14);
        builder.Property(e => e.LastSequence).HasColumnName("last_sequence");
        builder.Property(e => e.PrunedThroughSequence).HasColumnName("pruned_through_sequence");
    }
}

internal sealed class LinkAcknowledgementConfiguration : IEntityTypeConfiguration<LinkAcknowledgementEntity>
{
    public void Configure(EntityTypeBuilder<LinkAcknowledgementEntity> builder)
    {
        builder.ToTable("link_acknowledgements");
        builder.HasKey(e => new { e.LeaCode, e.Sequence });
        builder.HasIndex(e => new { e.LeaCode, e.LinkId });
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.LeaCode).HasMaxLength(14);
        builder.Property(e => e.Reason).HasMaxLength(500);
    }
}

internal sealed class PortalFieldMappingConfiguration : IEntityTypeConfiguration<PortalFieldMappingEntity>
{
    public void Configure(EntityTypeBuilder<PortalFieldMappingEntity> builder)
    {
        builder.ToTable("portal_field_mappings");
        builder.HasKey(e => e.LeaCode);
        builder.Property(e => e.LeaCode).HasMaxLength(14);
    }
}

internal sealed class FeedSigningKeyConfiguration : IEntityTypeConfiguration<FeedSigningKeyEntity>
{
    public void Configure(EntityTypeBuilder<FeedSigningKeyEntity> builder)
    {
        builder.ToTable("feed_signing_keys");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
    }
}
