namespace Gateway.Server.Feed;

/// <summary>
/// Wakes the watchers of an LEA after its feed changed. It carries no data: woken watchers read
/// the new updates from the database, so a slow watcher queues nothing in memory and a missed
/// wake-up only delays delivery until the watcher's next heartbeat.
/// </summary>
public interface ILinkFeedNotifier
{
    /// <summary>
    /// Returns a task that completes at the next <see cref="NotifyAsync"/> for the LEA after this
    /// call. Watchers take it before reading, so an update committed during the read still wakes them.
    /// </summary>
    Task WaitForChangeAsync(string leaCode, CancellationToken cancellationToken);

    /// <summary>Signals that updates up to <paramref name="lastSequence"/> were committed for the LEA.</summary>
    ValueTask NotifyAsync(string leaCode, long lastSequence, CancellationToken cancellationToken);
}
