using System.Collections.Concurrent;

namespace Gateway.Server.Feed;

/// <summary>
/// <see cref="ILinkFeedNotifier"/> for one process: one completion source per LEA, replaced on
/// every notification. Replicas sharing a database need a notifier that crosses processes.
/// </summary>
internal sealed class InProcessLinkFeedNotifier : ILinkFeedNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    public Task WaitForChangeAsync(string leaCode, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(leaCode, static _ => NewSignal());
        return signal.Task.WaitAsync(cancellationToken);
    }

    public ValueTask NotifyAsync(string leaCode, long lastSequence, CancellationToken cancellationToken)
    {
        if (_signals.TryRemove(leaCode, out var signal))
        {
            signal.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
