using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Cli.Admin;
using Gateway.Cli.Remote;
using Grpc.Core;
using SsrGateway.V1;

namespace Gateway.Cli.Links;

/// <summary>
/// <c>gatewayctl links watch</c>: follows the LEA's link feed and appends each update to a JSON
/// Lines file. For each update the line is flushed to disk first, then acknowledged as written,
/// then its resume token is checkpointed. A restart resumes after the checkpoint, so only updates
/// that arrived after the last checkpoint can be written twice.
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(30);

    public static Command Build(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "File holding the resume token; created on first run.", Required = true };
        var output = new Option<string>("--out") { Description = "JSON Lines file the updates are appended to, one line per update.", Required = true };
        var schools = new Option<string[]>("--school") { Description = "14-digit CDS code of a school to watch; repeat for several. Default: every school of the LEA." };
        var fromStart = new Option<bool>("--from-start") { Description = "Without a checkpoint, start from the LEA's first update (the default)." };
        var snapshot = new Option<bool>("--snapshot") { Description = "Without a checkpoint, start with the current state of every link, then follow updates." };
        var stopAfter = new Option<int?>("--stop-after") { Description = "Exit after writing this many updates; by default the watch runs until Ctrl+C." };
        var connection = new ConnectionOptions();
        var command = new Command("watch", "Follow the LEA's video link updates, writing each portal-field update as a JSON line.")
        {
            checkpoint, output, schools, fromStart, snapshot, stopAfter,
        };
        connection.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            if (parseResult.GetValue(fromStart) && parseResult.GetValue(snapshot))
            {
                throw CliException.Usage("--from-start and --snapshot cannot be combined: choose where a watch without a checkpoint starts.");
            }

            var settings = connection.Resolve(parseResult, context);
            await using var gateway = await CommonOptions.ConnectAsync(settings, [GatewayScopes.LinksRead, GatewayScopes.LinksAcknowledge], cancellationToken);
            var watcher = new LinkWatcher(
                context,
                gateway,
                new Checkpoint(parseResult.GetRequiredValue(checkpoint)),
                parseResult.GetRequiredValue(output),
                parseResult.GetValue(schools) ?? [],
                parseResult.GetValue(snapshot),
                parseResult.GetValue(stopAfter));
            return await watcher.RunAsync(cancellationToken);
        }));
        return command;
    }

    private sealed class LinkWatcher(
        CliContext context, GatewayConnection gateway, Checkpoint checkpoint, string outputPath, string[] schools, bool snapshot, int? stopAfter)
    {
        private readonly LinkFeedService.LinkFeedServiceClient client = new(gateway.Channel);
        private int written;
        private bool streamed;

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            using var output = new FileStream(outputPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            var backoff = TimeSpan.FromSeconds(1);
            while (true)
            {
                try
                {
                    if (await WatchOnceAsync(output, cancellationToken))
                    {
                        return ExitCodes.Success;
                    }

                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
                {
                    await context.Error.WriteLineAsync($"The gateway is unavailable ({exception.Status.Detail}); reconnecting in {backoff.TotalSeconds:0} s.");
                    await Task.Delay(backoff, cancellationToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.Unauthenticated && streamed && !cancellationToken.IsCancellationRequested)
                {
                    // The gateway ends an open watch when its access token expires. The connection
                    // renews a token before it expires, so the next call resumes with a new one. A
                    // revoked client is rejected before its next call streams anything, and stops.
                    await context.Error.WriteLineAsync($"The gateway ended the watch ({exception.Status.Detail}); resuming with a new access token.");
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition && checkpoint.Load() is not null)
                {
                    // A resume token older than the feed's retention cannot be resumed without a gap.
                    throw CliException.Server(
                        $"the gateway cannot resume from the checkpoint in {checkpoint.Path}: {exception.Status.Detail} " +
                        "Delete the checkpoint and start again with --snapshot to receive the current state of every link.");
                }
                catch (Exception exception) when (IsStop(exception, cancellationToken))
                {
                    await context.Error.WriteLineAsync($"Stopped after {written} updates; the next watch resumes after the checkpoint.");
                    return ExitCodes.Success;
                }
            }
        }

        /// <summary>Runs one streaming call; returns true when the watch is done (stop count reached).</summary>
        private async Task<bool> WatchOnceAsync(FileStream output, CancellationToken cancellationToken)
        {
            var request = new WatchLinkUpdatesRequest();
            request.SchoolCdsCodes.Add(schools);
            var resumeToken = checkpoint.Load();
            if (resumeToken is not null)
            {
                request.ResumeToken = resumeToken;
            }
            else if (snapshot)
            {
                request.Snapshot = true;
            }
            else
            {
                request.FromBeginning = true;
            }

            streamed = false;
            using var call = client.WatchLinkUpdates(request, cancellationToken: cancellationToken);
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                streamed = true;
                switch (response.KindCase)
                {
                    case WatchLinkUpdatesResponse.KindOneofCase.Update:
                        await WriteAsync(output, response.Update);
                        written++;
                        if (stopAfter is { } limit && written >= limit)
                        {
                            return true;
                        }

                        break;
                    case WatchLinkUpdatesResponse.KindOneofCase.Heartbeat:
                        checkpoint.Save(response.Heartbeat.ResumeToken);
                        break;
                    case WatchLinkUpdatesResponse.KindOneofCase.SnapshotComplete:
                        checkpoint.Save(response.SnapshotComplete.ResumeToken);
                        break;
                }
            }

            // NOTE: the server ends a watch with UNAVAILABLE when it stops and with UNAUTHENTICATED when
            // the token expires, never with OK. A clean end is resumed from the checkpoint like UNAVAILABLE.
            throw new RpcException(new Status(StatusCode.Unavailable, "the gateway ended the watch"));
        }

        /// <summary>
        /// Writes, acknowledges and checkpoints one update. Ctrl+C does not interrupt these steps,
        /// so a stop lands between updates; the acknowledgement has its own timeout instead.
        /// </summary>
        private async Task WriteAsync(FileStream output, LinkUpdate update)
        {
            var line = Encoding.UTF8.GetBytes(ToJson(update).ToJsonString() + "\n");
            await output.WriteAsync(line, CancellationToken.None);
            output.Flush(flushToDisk: true);

            var acknowledgement = new AcknowledgeLinkUpdatesRequest();
            acknowledgement.Acknowledgements.Add(new LinkAcknowledgement { Sequence = update.Sequence, Status = AcknowledgementStatus.Written });
            await client.AcknowledgeLinkUpdatesAsync(acknowledgement, deadline: DateTime.UtcNow.Add(AcknowledgementTimeout));

            checkpoint.Save(update.ResumeToken);
        }

        private static bool IsStop(Exception exception, CancellationToken cancellationToken) =>
            cancellationToken.IsCancellationRequested
            && (exception is OperationCanceledException || exception is RpcException { StatusCode: StatusCode.Cancelled });

        private static JsonObject ToJson(LinkUpdate update) => new()
        {
            ["sequence"] = update.Sequence,
            ["changeType"] = update.ChangeType switch
            {
                LinkChangeType.Available => "available",
                LinkChangeType.Replaced => "replaced",
                LinkChangeType.Revoked => "revoked",
                _ => update.ChangeType.ToString(),
            },
            ["schoolYear"] = update.Administration?.SchoolYear,
            ["assessment"] = update.Administration is null ? null : CommonOptions.Name(update.Administration.Assessment),
            ["ssid"] = update.Ssid,
            ["localStudentId"] = update.LocalStudentId,
            ["schoolCdsCode"] = update.SchoolCdsCode,
            ["guardianPortalAccountIds"] = new JsonArray(update.GuardianPortalAccountIds.Select(id => (JsonNode)id).ToArray()),
            ["language"] = update.Language.ToString().ToLowerInvariant(),
            ["label"] = update.Label,
            ["url"] = update.Url,
            ["expireTime"] = update.ExpireTime?.ToDateTimeOffset().ToString("O"),
            ["portalFieldWrites"] = new JsonObject(update.PortalFieldWrites.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["commitTime"] = update.CommitTime?.ToDateTimeOffset().ToString("O"),
            ["fromSnapshot"] = update.FromSnapshot,
        };
    }
}
