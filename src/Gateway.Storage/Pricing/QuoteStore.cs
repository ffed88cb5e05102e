using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Storage.Pricing;

/// <summary>Quotes of the context's LEA by id.</summary>
public sealed class QuoteStore
{
    private readonly GatewayDbContext _db;

    public QuoteStore(GatewayDbContext db) => _db = db;

    /// <summary>Stores a quote and deletes the LEA's quotes that expired before <paramref name="now"/>.</summary>
    public async Task AddAsync(string quoteId, DateTimeOffset expireTime, byte[] payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await _db.Quotes.Where(q => q.ExpireTimeUnixMs < nowMs).ExecuteDeleteAsync(cancellationToken);
        _db.Quotes.Add(new QuoteEntity { Id = quoteId, ExpireTimeUnixMs = expireTime.ToUnixTimeMilliseconds(), Payload = payload });
        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();
    }

    /// <summary>Returns the payload of an unexpired quote, or null when it is missing, expired or another LEA's.</summary>
    public async Task<byte[]?> FindAsync(string quoteId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        return await _db.Quotes.AsNoTracking()
            .Where(q => q.Id == quoteId && q.ExpireTimeUnixMs > nowMs)
            .Select(q => q.Payload)
            .SingleOrDefaultAsync(cancellationToken);
    }
}

internal sealed class QuoteEntityConfiguration : IEntityTypeConfiguration<QuoteEntity>
{
    public void Configure(EntityTypeBuilder<QuoteEntity> builder)
    {
        builder.ToTable("quotes");
        builder.HasKey(q => q.Id);
        builder.HasIndex(q => new { q.LeaCode, q.ExpireTimeUnixMs });
    }
}
