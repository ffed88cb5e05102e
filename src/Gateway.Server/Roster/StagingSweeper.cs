using Gateway.Storage.Roster;
using Microsoft.Extensions.Options;

namespace Gateway.Server.Roster;

/// <summary>
/// Deletes staged roster rows, with student names and phone numbers, of uploads that were never
/// finished, for example because their server process was killed. Runs at start-up and then
/// every <see cref="RosterStagingOptions.SweepInterval"/>.
/// </summary>
internal sealed class StagingSweeper(
    IServiceScopeFactory scopes,
    IOptions<RosterStagingOptions> options,
    TimeProvider time,
    ILogger<StagingSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RosterLog.StagingSweepFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Deletes staged rows older than the abandoned age; returns the number of staged students deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<RosterStore>();
        var deleted = await store.DeleteAbandonedStagingAsync(time.GetUtcNow() - options.Value.AbandonedAge, cancellationToken);
        if (deleted > 0)
        {
            RosterLog.AbandonedStagingDeleted(logger, deleted);
        }

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
