using Gateway.Server.Rpc;
using Gateway.Storage;
using Gateway.Storage.Feed;
using Gateway.Storage.Orders;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Server.Orders;

/// <summary>
/// Cancels an order of the token's LEA while its window is open and before any of its links is
/// published. The check and the change run under the LEA's feed lock, the lock publishers take,
/// so a link cannot be published for an order that is being cancelled.
/// </summary>
internal sealed class OrderCancellation(GatewayDbContext db, OrderWindowGuard window, TimeProvider time, ILogger<OrderCancellation> logger)
{
    public async Task<OrderEntity> CancelAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var leaCode = db.CurrentLeaCode ?? throw new InvalidOperationException("Cancelling an order needs a request bound to an LEA.");
        await LinkFeedSequencer.LockAsync(db, leaCode, cancellationToken);

        var order = await db.Orders.Include(o => o.LineItems).Include(o => o.Students).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw RpcErrors.NotFound($"Order '{orderId:N}' was not found.");
        if (order.Cancelled)
        {
            return order;
        }

        window.EnsureOpen(new Domain.Administration(order.SchoolYear, order.Assessment));
        var published = await db.VideoLinks.CountAsync(l => l.OrderId == orderId, cancellationToken);
        if (published > 0)
        {
            throw RpcErrors.FailedPrecondition(
                "LINKS_PUBLISHED",
                $"Order {orderId:N} cannot be cancelled because {published} of its video links were already published.",
                new Dictionary<string, string> { ["published_links"] = published.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        order.Cancelled = true;
        order.CancelTime = time.GetUtcNow();
        foreach (var student in order.Students)
        {
            student.Cancelled = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        OrderLog.OrderCancelled(logger, order.Id, leaCode);
        return order;
    }
}
