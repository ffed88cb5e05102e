using Gateway.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

public partial class GatewayDbContext
{
    public DbSet<LeaEntity> Leas => Set<LeaEntity>();

    public DbSet<ClientRegistrationEntity> ClientRegistrations => Set<ClientRegistrationEntity>();
}
