using Gateway.Domain.Tenancy;
using System.Security.Claims;
using Gateway.Server.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SsrGateway.V1;

namespace Gateway.Server.Fulfillment;

/// <summary>The vendor's publishing of video links; the token is bound to no LEA.</summary>
[Authorize(Policy = GatewayScopes.FulfillmentPublish)]
internal sealed class FulfillmentGrpcService(
    LinkRecordValidator validator,
    LinkPublisher publisher,
    ILogger<FulfillmentGrpcService> logger) : SsrGateway.V1.FulfillmentService.FulfillmentServiceBase
{
    public override async Task<PublishVideoLinksResponse> PublishVideoLinks(IAsyncStreamReader<PublishVideoLinksRequest> requestStream, ServerCallContext context)
    {
        var tally = new LinkChangeTally();
        var index = 0;
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var changes = new List<LinkChange>(message.Links.Count);
            foreach (var record in message.Links)
            {
                if (validator.Validate(index, record, tally) is { } change)
                {
                    changes.Add(change);
                }

                index++;
            }

            await publisher.ApplyAsync(changes, tally, context.CancellationToken);
        }

        FulfillmentLog.PublishCompleted(logger, ClientId(context), tally.Accepted, tally.Rejected.Count, tally.Unchanged);
        var response = new PublishVideoLinksResponse { AcceptedCount = tally.Accepted, RejectedCount = tally.Rejected.Count, UnchangedCount = tally.Unchanged };
        response.RejectedRecords.AddRange(tally.RejectedByIndex());
        return response;
    }

    public override async Task<RevokeVideoLinksResponse> RevokeVideoLinks(RevokeVideoLinksRequest request, ServerCallContext context)
    {
        var tally = new LinkChangeTally();
        var changes = new List<LinkChange>(request.Links.Count);
        for (var index = 0; index < request.Links.Count; index++)
        {
            if (validator.Validate(index, request.Links[index], tally) is { } change)
            {
                changes.Add(change);
            }
        }

        await publisher.ApplyAsync(changes, tally, context.CancellationToken);

        FulfillmentLog.RevokeCompleted(logger, ClientId(context), tally.Accepted, tally.Rejected.Count, tally.Unchanged);
        var response = new RevokeVideoLinksResponse { AcceptedCount = tally.Accepted, RejectedCount = tally.Rejected.Count, UnchangedCount = tally.Unchanged };
        response.RejectedRecords.AddRange(tally.RejectedByIndex());
        return response;
    }

    private static string ClientId(ServerCallContext context) =>
        context.GetHttpContext().User.FindFirstValue("client_id") ?? context.GetHttpContext().User.FindFirstValue("sub") ?? "unknown";
}
