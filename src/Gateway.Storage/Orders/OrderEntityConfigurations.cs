using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Storage.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<OrderEntity>
{
    public void Configure(EntityTypeBuilder<OrderEntity> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.LeaCode, e.IdempotencyKey }).IsUnique();
        builder.HasIndex(e => new { e.LeaCode, e.CreateTicks });

        // A quote can be ordered once, so its students are not billed twice. Orders placed from a
        // selection have an empty quote id. The filter is plain SQL that SQLite and PostgreSQL share.
        builder.HasIndex(e => new { e.LeaCode, e.QuoteId }).IsUnique().HasFilter("\"QuoteId\" <> ''");
        builder.Property(e => e.LeaCode).HasMaxLength(14);
        builder.Property(e => e.SchoolYear).HasMaxLength(7);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(128);
        builder.Property(e => e.PurchaseOrderNumber).HasMaxLength(64);
        builder.Property(e => e.Total).HasPrecision(18, 2);
        builder.HasMany(e => e.LineItems).WithOne().HasForeignKey(e => e.OrderId);
        builder.HasMany(e => e.Students).WithOne().HasForeignKey(e => e.OrderId);
    }
}

internal sealed class OrderLineItemConfiguration : IEntityTypeConfiguration<OrderLineItemEntity>
{
    public void Configure(EntityTypeBuilder<OrderLineItemEntity> builder)
    {
        builder.ToTable("order_line_items");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UnitPrice).HasPrecision(18, 2);
        builder.Property(e => e.Amount).HasPrecision(18, 2);
    }
}

internal sealed class OrderStudentConfiguration : IEntityTypeConfiguration<OrderStudentEntity>
{
    public void Configure(EntityTypeBuilder<OrderStudentEntity> builder)
    {
        builder.ToTable("order_students");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.LeaCode, e.SchoolYear, e.Assessment, e.Ssid });
        builder.Property(e => e.LeaCode).HasMaxLength(14);
        builder.Property(e => e.Ssid).HasMaxLength(10);
        builder.Property(e => e.SchoolCdsCode).HasMaxLength(14);
    }
}
