using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Storage.Tenancy;

internal sealed class LeaConfiguration : IEntityTypeConfiguration<LeaEntity>
{
    public void Configure(EntityTypeBuilder<LeaEntity> builder)
    {
        builder.ToTable("leas");
        builder.HasKey(l => l.Code);
        builder.Property(l => l.Code).HasMaxLength(14);
        builder.Property(l => l.Name).HasMaxLength(200);
    }
}

internal sealed class ClientRegistrationConfiguration : IEntityTypeConfiguration<ClientRegistrationEntity>
{
    public void Configure(EntityTypeBuilder<ClientRegistrationEntity> builder)
    {
        builder.ToTable("client_registrations");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.HasMany(c => c.Leas).WithOne().HasForeignKey(l => l.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientLeaConfiguration : IEntityTypeConfiguration<ClientLeaEntity>
{
    public void Configure(EntityTypeBuilder<ClientLeaEntity> builder)
    {
        builder.ToTable("client_leas");
        builder.HasKey(l => new { l.ClientId, l.LeaCode });
        builder.Property(l => l.LeaCode).HasMaxLength(14);
        builder.HasOne<LeaEntity>().WithMany().HasForeignKey(l => l.LeaCode).OnDelete(DeleteBehavior.Restrict);
    }
}
