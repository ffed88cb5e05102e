using Gateway.Domain.Tenancy;
using Gateway.Domain.Feed;
using Gateway.Server.Auth;
using Gateway.Server.Rpc;
using Gateway.Storage.Tenancy;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SsrGateway.V1;

namespace Gateway.Server.Feed;

/// <summary>The token LEA's link feed, portal-field mapping and acknowledgements.</summary>
internal sealed class LinkFeedGrpcService(
    ITenantScope tenant,
    ResumeTokens resumeTokens,
    LinkFeedStreamer streamer,
    PortalFieldMappings mappings,
    LinkAcknowledgements acknowledgements,
    ActiveClientCheck activeClients,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LinkFeedGrpcService> logger) : SsrGateway.V1.LinkFeedService.LinkFeedServiceBase
{
    [Authorize(Policy = GatewayScopes.LinksRead)]
    public override async Task WatchLinkUpdates(WatchLinkUpdatesRequest request, IServerStreamWriter<WatchLinkUpdatesResponse> responseStream, ServerCallContext context)
    {
        var leaCode = RequireLea();
        var schools = ParseSchools(request.SchoolCdsCodes);
        var codec = await resumeTokens.GetCodecAsync(context.CancellationToken);
        var authorization = WatchAuthorization.FromPrincipal(context.GetHttpContext().User, leaCode, activeClients, time, logger);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);

        long position = 0;
        if (request.StartCase == WatchLinkUpdatesRequest.StartOneofCase.ResumeToken)
        {
            position = DecodePosition(codec, request.ResumeToken, leaCode);
        }

        var snapshot = request.StartCase == WatchLinkUpdatesRequest.StartOneofCase.Snapshot && request.Snapshot;
        LinkFeedLog.WatchStarted(logger, leaCode, position, snapshot, schools.Count);
        try
        {
            if (snapshot)
            {
                position = await streamer.SendSnapshotAsync(leaCode, codec, schools, authorization, responseStream, stopping.Token);
            }
            else
            {
                await streamer.EnsureRetainedAsync(leaCode, position, stopping.Token);
            }

            await streamer.StreamAsync(leaCode, position, codec, schools, authorization, responseStream, stopping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A client that is still connected receives this status. One that already left never sees it.
            LinkFeedLog.WatchEnded(logger, leaCode, position, "server stopping");
            throw RpcErrors.Unavailable("The server is stopping. Reconnect and resume with the last resume token received.");
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            LinkFeedLog.WatchEnded(logger, leaCode, position, "client cancelled");
        }
    }

    [Authorize(Policy = GatewayScopes.LinksRead)]
    public override async Task<GetPortalFieldMappingResponse> GetPortalFieldMapping(GetPortalFieldMappingRequest request, ServerCallContext context)
    {
        RequireLea();
        return new GetPortalFieldMappingResponse { Mapping = await mappings.GetAsync(context.CancellationToken) };
    }

    [Authorize(Policy = GatewayScopes.LinksAcknowledge)]
    public override async Task<UpdatePortalFieldMappingResponse> UpdatePortalFieldMapping(UpdatePortalFieldMappingRequest request, ServerCallContext context)
    {
        var leaCode = RequireLea();
        var mapping = await mappings.UpdateAsync(request.Mapping, context.CancellationToken);
        LinkFeedLog.MappingUpdated(logger, leaCode);
        return new UpdatePortalFieldMappingResponse { Mapping = mapping };
    }

    [Authorize(Policy = GatewayScopes.LinksAcknowledge)]
    public override async Task<AcknowledgeLinkUpdatesResponse> AcknowledgeLinkUpdates(AcknowledgeLinkUpdatesRequest request, ServerCallContext context)
    {
        var leaCode = RequireLea();
        var response = await acknowledgements.RecordAsync(request.Acknowledgements, context.CancellationToken);
        LinkFeedLog.Acknowledged(logger, leaCode, response.RecordedCount, response.UnchangedCount, response.RejectedCount);
        return response;
    }

    private string RequireLea() =>
        tenant.LeaCode ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "The access token is not bound to an LEA; request a token with the lea parameter."));

    private long DecodePosition(ResumeTokenCodec codec, string token, string leaCode)
    {
        if (!codec.TryDecode(token, out var position, out var error))
        {
            LinkFeedLog.ResumeTokenRejected(logger, leaCode, error);
            throw RpcErrors.InvalidField("resume_token", $"{error}; pass a token from an earlier watch or start a snapshot watch");
        }

        if (position.LeaCode != leaCode)
        {
            LinkFeedLog.ResumeTokenRejected(logger, leaCode, "token of another LEA");
            throw RpcErrors.InvalidField("resume_token", "the resume token belongs to another LEA's feed; pass a token from a watch of this LEA");
        }

        return position.Sequence;
    }

    private static HashSet<string> ParseSchools(IEnumerable<string> codes)
    {
        var schools = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var code in codes)
        {
            if (!Gateway.Domain.Tenancy.CdsCode.TryParse(code, out var parsed))
            {
                RpcErrors.ThrowInvalidField($"school_cds_codes[{index}]", $"'{code}' is not a 14-digit CDS code");
            }

            schools.Add(parsed.Value);
            index++;
        }

        return schools;
    }
}
