using System.Collections.Concurrent;

namespace Gateway.Server.Fulfillment;

/// <summary>
/// One turn at a time per LEA for this process's feed writers, so they wait in a queue instead of
/// polling for the database lock against each other. The lock itself, taken by
/// <see cref="Gateway.Storage.Feed.LinkFeedSequencer"/>, is what orders commits across replicas.
/// </summary>
internal sealed class LeaWriteGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the LEA's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> EnterAsync(string leaCode, CancellationToken cancellationToken)
    {
        // NOTE: one semaphore per LEA ever written stays for the life of the process, which is
        // bounded by the number of LEAs.
        var gate = _gates.GetOrAdd(leaCode, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
