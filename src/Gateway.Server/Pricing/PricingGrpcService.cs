using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Roster;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SsrGateway.V1;

namespace Gateway.Server.Pricing;

/// <summary>The pricing gRPC service: price schedules and quotes for the token LEA.</summary>
[Authorize(Policy = GatewayScopes.PricingRead)]
internal sealed class PricingGrpcService : PricingService.PricingServiceBase
{
    private readonly QuoteService _quotes;

    public PricingGrpcService(QuoteService quotes) => _quotes = quotes;

    public override Task<GetPriceScheduleResponse> GetPriceSchedule(GetPriceScheduleRequest request, ServerCallContext context)
    {
        var administration = RosterMapping.ToDomain(request.Administration, "administration");
        return Task.FromResult(new GetPriceScheduleResponse { Schedule = _quotes.GetPriceSchedule(administration) });
    }

    public override async Task<QuoteOrderResponse> QuoteOrder(QuoteOrderRequest request, ServerCallContext context)
    {
        var administration = RosterMapping.ToDomain(request.Administration, "administration");
        var quote = await _quotes.QuoteAsync(administration, request.Selection, request.TextedLinks, context.CancellationToken);
        return new QuoteOrderResponse { Quote = quote };
    }
}
