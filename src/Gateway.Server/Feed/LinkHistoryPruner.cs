using Gateway.Storage;
using Gateway.Storage.Feed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Server.Feed;

/// <summary>
/// Deletes feed history older than the retention, LEA by LEA, and records how far each LEA was
/// pruned so that an older resume token is rejected instead of skipping updates. The current
/// state of every link stays for snapshots.
/// </summary>
internal sealed class LinkHistoryPruner(
    IServiceScopeFactory scopes,
    IOptions<LinkFeedOptions> options,
    TimeProvider time,
    ILogger<LinkHistoryPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LinkFeedLog.PruneFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Prunes every LEA once; returns the number of updates deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var leaCodes = await db.LeaFeedCounters.IgnoreQueryFilters().AsNoTracking().Select(c => c.LeaCode).ToListAsync(cancellationToken);
        var total = 0;
        foreach (var leaCode in leaCodes)
        {
            total += await PruneLeaAsync(db, leaCode, cutoff, cancellationToken);
        }

        return total;
    }

    private async Task<int> PruneLeaAsync(GatewayDbContext db, string leaCode, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var history = db.LinkUpdates.IgnoreQueryFilters().Where(u => u.LeaCode == leaCode);
        var through = await history.Where(u => u.CommitTime < cutoff).MaxAsync(u => (long?)u.Sequence, cancellationToken);
        if (through is null)
        {
            return 0;
        }

        // The counter is raised first, in the same transaction, so a watcher that finds a gap
        // also finds the reason for it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LeaFeedCounters.IgnoreQueryFilters()
            .Where(c => c.LeaCode == leaCode && c.PrunedThroughSequence < through.Value)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PrunedThroughSequence, through.Value), cancellationToken);
        var deleted = await history.Where(u => u.Sequence <= through.Value).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        LinkFeedLog.HistoryPruned(logger, leaCode, through.Value, deleted);
        return deleted;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
