using Gateway.Domain.Feed;
using Gateway.Server.Rpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SsrGateway.V1;

namespace Gateway.Server.Feed;

/// <summary>
/// Runs one watch: the optional snapshot, the backlog and then live updates. Updates are read
/// from the database a page at a time and every write is awaited, so a slow client slows its own
/// reads (HTTP/2 flow control) and nothing queues in memory.
/// </summary>
internal sealed class LinkFeedStreamer(
    LinkFeedReader reader,
    ILinkFeedNotifier notifier,
    IOptions<LinkFeedOptions> options,
    TimeProvider time,
    ILogger<LinkFeedStreamer> logger)
{
    /// <summary>Sends the current state of every link, then the snapshot's position; returns that position.</summary>
    public async Task<long> SendSnapshotAsync(
        string leaCode, ResumeTokenCodec codec, IReadOnlyCollection<string> schools, WatchAuthorization authorization,
        IServerStreamWriter<WatchLinkUpdatesResponse> writer, CancellationToken cancellationToken)
    {
        // Links changed after this point are sent in their newer state and again as live updates
        // after the position, so applying the snapshot and then the live updates in order always
        // ends in the current state.
        var (position, _) = await reader.ReadCounterAsync(cancellationToken);
        var mapping = await reader.ReadMappingAsync(cancellationToken);
        var pageSize = options.Value.PageSize;
        var count = 0;
        long afterId = 0;
        while (true)
        {
            var links = await reader.ReadLinksAsync(afterId, pageSize, schools, cancellationToken);
            await authorization.EnsureValidAsync(position, bypassCache: links.Count > 0, cancellationToken);
            foreach (var link in links)
            {
                await writer.WriteAsync(new WatchLinkUpdatesResponse { Update = LinkUpdateMapper.FromSnapshot(link, mapping) }, cancellationToken);
                afterId = link.Id;
                count++;
            }

            if (links.Count < pageSize)
            {
                break;
            }
        }

        var complete = new SnapshotComplete { ResumeToken = codec.Encode(new FeedPosition(leaCode, position)), Sequence = position, LinkCount = count };
        await writer.WriteAsync(new WatchLinkUpdatesResponse { SnapshotComplete = complete }, cancellationToken);
        return position;
    }

    /// <summary>
    /// Streams every update after <paramref name="position"/> until cancelled. Throws
    /// FAILED_PRECONDITION RESUME_TOKEN_EXPIRED when history after the position was pruned, and
    /// UNAUTHENTICATED once the token expires or its client is revoked.
    /// </summary>
    public async Task StreamAsync(
        string leaCode, long position, ResumeTokenCodec codec, IReadOnlySet<string> schools, WatchAuthorization authorization,
        IServerStreamWriter<WatchLinkUpdatesResponse> writer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lastSent = time.GetUtcNow();
        Task? changed = null;
        while (true)
        {
            // Taken before the read, so a commit during the read still ends the wait below. A
            // signal that has not fired yet stays valid, so it is kept while paging a backlog.
            if (changed is null || changed.IsCompleted)
            {
                changed = notifier.WaitForChangeAsync(leaCode, cancellationToken);
            }

            var rows = await reader.ReadAfterAsync(position, settings.PageSize, cancellationToken);
            if (rows.Count > 0 && rows[0].Sequence != position + 1)
            {
                var (_, pruned) = await reader.ReadCounterAsync(cancellationToken);
                throw Expired(leaCode, position, pruned);
            }

            if (rows.Count == 0)
            {
                var (_, pruned) = await reader.ReadCounterAsync(cancellationToken);
                if (pruned > position)
                {
                    throw Expired(leaCode, position, pruned);
                }
            }

            // The check follows the read and skips the cache when the page has updates, so no update
            // published after the client's revocation is sent.
            await authorization.EnsureValidAsync(position, bypassCache: rows.Count > 0, cancellationToken);
            var mapping = rows.Count > 0 ? await reader.ReadMappingAsync(cancellationToken) : Gateway.Domain.Feed.PortalFieldMapping.Default;
            foreach (var row in rows)
            {
                position = row.Sequence;
                if (schools.Count > 0 && !schools.Contains(row.SchoolCdsCode))
                {
                    continue;
                }

                var token = codec.Encode(new FeedPosition(leaCode, position));
                await writer.WriteAsync(new WatchLinkUpdatesResponse { Update = LinkUpdateMapper.FromHistory(row, mapping, token) }, cancellationToken);
                lastSent = time.GetUtcNow();
            }

            if (rows.Count == settings.PageSize)
            {
                continue;
            }

            var due = authorization.LimitWait(lastSent + settings.HeartbeatInterval - time.GetUtcNow());
            if (due > TimeSpan.Zero)
            {
                using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(due, time, delayCancellation.Token);
                var first = await Task.WhenAny(changed, delay);
                await delayCancellation.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                if (first == changed)
                {
                    continue;
                }
            }

            await authorization.EnsureValidAsync(position, bypassCache: false, cancellationToken);
            var heartbeat = new FeedHeartbeat
            {
                ResumeToken = codec.Encode(new FeedPosition(leaCode, position)),
                Sequence = position,
                ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            };
            await writer.WriteAsync(new WatchLinkUpdatesResponse { Heartbeat = heartbeat }, cancellationToken);
            lastSent = time.GetUtcNow();
        }
    }

    /// <summary>Checks a start position against the retained history before streaming.</summary>
    public async Task EnsureRetainedAsync(string leaCode, long position, CancellationToken cancellationToken)
    {
        var (last, pruned) = await reader.ReadCounterAsync(cancellationToken);
        if (pruned > position)
        {
            throw Expired(leaCode, position, pruned);
        }

        if (position > last)
        {
            throw RpcErrors.InvalidField("resume_token", $"the resume token is at sequence {position}, after the latest sequence {last} of the LEA's feed; start a snapshot watch");
        }
    }

    private RpcException Expired(string leaCode, long position, long pruned)
    {
        LinkFeedLog.ResumeTokenExpired(logger, leaCode, position, pruned);
        return RpcErrors.FailedPrecondition(
            "RESUME_TOKEN_EXPIRED",
            $"Updates after sequence {position} are no longer in the feed history, which now starts after sequence {pruned}. Start a new watch with a snapshot to resynchronize.",
            new Dictionary<string, string>
            {
                ["position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["pruned_through_sequence"] = pruned.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
