using Gateway.Storage.Pricing;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

public partial class GatewayDbContext
{
    public DbSet<QuoteEntity> Quotes => Set<QuoteEntity>();
}
