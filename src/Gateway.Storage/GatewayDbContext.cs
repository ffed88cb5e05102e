using System.Linq.Expressions;
using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

/// <summary>
/// The system of record. Entities are configured by <see cref="IEntityTypeConfiguration{T}"/>
/// classes in this assembly; every <see cref="ILeaOwned"/> entity gets a query filter on the
/// context's LEA. Feature areas add their <see cref="DbSet{T}"/> properties in partial files.
/// </summary>
public partial class GatewayDbContext : DbContext
{
    private readonly ITenantScope _tenant;

    public GatewayDbContext(DbContextOptions<GatewayDbContext> options, ITenantScope tenant)
        : base(options)
    {
        _tenant = tenant;
    }

    /// <summary>For the per-provider subclasses, which carry their own migrations.</summary>
    protected GatewayDbContext(DbContextOptions options, ITenantScope tenant)
        : base(options)
    {
        _tenant = tenant;
    }

    /// <summary>LEA the query filter compares with; null matches no tenant-owned row.</summary>
    public string? CurrentLeaCode => _tenant.LeaCode;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ILeaOwned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                modelBuilder.Entity(entityType.ClrType).HasQueryFilter(BuildTenantFilter(entityType.ClrType));
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Builds `e => e.LeaCode == this.CurrentLeaCode`; EF Core evaluates the context member per
    // query, so one model serves every tenant.
    private LambdaExpression BuildTenantFilter(Type clrType)
    {
        var entity = Expression.Parameter(clrType, "e");
        var leaCode = Expression.Property(entity, nameof(ILeaOwned.LeaCode));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentLeaCode));
        return Expression.Lambda(Expression.Equal(leaCode, current), entity);
    }

    // New rows take the context's LEA; a row that names another LEA is a programming error and
    // must never be written.
    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ILeaOwned>())
        {
            if (entry.State != EntityState.Added && entry.State != EntityState.Modified)
            {
                continue;
            }

            var current = CurrentLeaCode;
            if (string.IsNullOrEmpty(entry.Entity.LeaCode))
            {
                entry.Entity.LeaCode = current
                    ?? throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} row has no LEA and the context is not bound to one.");
            }
            else if (current is not null && entry.Entity.LeaCode != current)
            {
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} row for LEA {entry.Entity.LeaCode} cannot be written in the context of LEA {current}.");
            }
        }
    }
}
