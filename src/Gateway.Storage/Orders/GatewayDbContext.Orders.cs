using Gateway.Storage.Orders;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

public partial class GatewayDbContext
{
    public DbSet<OrderEntity> Orders => Set<OrderEntity>();
    public DbSet<OrderLineItemEntity> OrderLineItems => Set<OrderLineItemEntity>();
    public DbSet<OrderStudentEntity> OrderStudents => Set<OrderStudentEntity>();
}
