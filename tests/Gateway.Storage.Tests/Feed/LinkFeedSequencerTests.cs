using Gateway.Storage.Feed;
using Gateway.Storage.Tests.Roster;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Tests.Feed;

public sealed class LinkFeedSequencerTests : IDisposable
{
    private const string Lea = "19647330000000";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly RosterDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Lock_SecondWriter_WaitsForFirstCommit()
    {
        await using var first = _database.CreateContext(null);
        await using var second = _database.CreateContext(null);
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        var firstPrevious = await LinkFeedSequencer.LockAsync(first, Lea, CancellationToken.None).WaitAsync(Timeout);

        var secondLock = Task.Run(async () =>
        {
            await using var transaction = await second.Database.BeginTransactionAsync();
            var previous = await LinkFeedSequencer.LockAsync(second, Lea, CancellationToken.None);
            await LinkFeedSequencer.AdvanceAsync(second, Lea, previous, previous + 1, CancellationToken.None);
            await transaction.CommitAsync();
            return previous;
        });
        await Task.Delay(300);
        var blocked = !secondLock.IsCompleted;
        await LinkFeedSequencer.AdvanceAsync(first, Lea, firstPrevious, firstPrevious + 5, CancellationToken.None).WaitAsync(Timeout);
        await firstTransaction.CommitAsync().WaitAsync(Timeout);
        var secondPrevious = await secondLock.WaitAsync(Timeout);

        Assert.True(blocked, "the second writer took the LEA lock while the first held it");
        Assert.Equal(0, firstPrevious);
        Assert.Equal(5, secondPrevious);
        await using var check = _database.CreateContext(Lea);
        Assert.Equal(6, await check.LeaFeedCounters.Select(c => c.LastSequence).SingleAsync());
    }

    [Fact]
    public async Task Lock_OutsideTransaction_Throws()
    {
        await using var db = _database.CreateContext(null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => LinkFeedSequencer.LockAsync(db, Lea, CancellationToken.None));
    }
}
