using Gateway.Domain.Tenancy;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gateway.Server.Auth;
using Gateway.Server.Roster;
using Gateway.Server.Rpc;
using Gateway.Storage;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SsrGateway.V1;

namespace Gateway.Server.Orders;

/// <summary>The order gRPC service for the token's LEA.</summary>
internal sealed class OrderGrpcService(
    GatewayDbContext db,
    OrderPlacement placement,
    OrderCancellation cancellation,
    DistributionReportBuilder reports) : OrderService.OrderServiceBase
{
    private const int DefaultPageSize = 25;
    private const int MaxPageSize = 100;

    [Authorize(Policy = GatewayScopes.OrdersWrite)]
    public override async Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        var order = await placement.PlaceAsync(request, context.CancellationToken);
        return new PlaceOrderResponse { Order = OrderMapping.ToProto(order, withStudents: false) };
    }

    [Authorize(Policy = GatewayScopes.OrdersRead)]
    public override async Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var id = ParseOrderId(request.OrderId);
        var order = await db.Orders.AsNoTracking().Include(o => o.LineItems).Include(o => o.Students).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == id, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"Order '{request.OrderId}' was not found.");
        return new GetOrderResponse { Order = OrderMapping.ToProto(order, withStudents: true) };
    }

    [Authorize(Policy = GatewayScopes.OrdersRead)]
    public override async Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            RpcErrors.ThrowInvalidField("page_size", $"page size {request.PageSize} is outside 0 to {MaxPageSize}");
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var query = db.Orders.AsNoTracking();
        var filterKey = "all";
        if (request.Administration is not null)
        {
            var administration = RosterMapping.ToDomain(request.Administration, "administration");
            query = query.Where(o => o.SchoolYear == administration.SchoolYear && o.Assessment == administration.Assessment);
            filterKey = administration.ToString();
        }

        var offset = ParsePageToken(request.PageToken, filterKey);
        var orders = await query.Include(o => o.LineItems)
            .OrderByDescending(o => o.CreateTicks).ThenBy(o => o.IdempotencyKey)
            .Skip(offset).Take(pageSize + 1)
            .ToListAsync(context.CancellationToken);

        var response = new ListOrdersResponse();
        response.Orders.AddRange(orders.Take(pageSize).Select(o => OrderMapping.ToProto(o, withStudents: false)));
        if (orders.Count > pageSize)
        {
            response.NextPageToken = CreatePageToken(filterKey, offset + pageSize);
        }

        return response;
    }

    [Authorize(Policy = GatewayScopes.OrdersWrite)]
    public override async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        var order = await cancellation.CancelAsync(ParseOrderId(request.OrderId), context.CancellationToken);
        return new CancelOrderResponse { Order = OrderMapping.ToProto(order, withStudents: false) };
    }

    [Authorize(Policy = GatewayScopes.OrdersRead)]
    public override async Task<GetDistributionReportResponse> GetDistributionReport(GetDistributionReportRequest request, ServerCallContext context)
    {
        var administration = RosterMapping.ToDomain(request.Administration, "administration");
        return new GetDistributionReportResponse { Report = await reports.BuildAsync(administration, context.CancellationToken) };
    }

    // A malformed id gets NOT_FOUND like a missing one, so ids of other LEAs cannot be probed.
    private static Guid ParseOrderId(string text) =>
        OrderMapping.ParseId(text) ?? throw RpcErrors.NotFound($"Order '{text}' was not found.");

    // NOTE: page tokens hold an offset, so an order placed between pages shifts later pages by one.
    private static string CreatePageToken(string filterKey, int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"1|{filterKey}|{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static int ParsePageToken(string token, string filterKey)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            if (parts.Length == 3 && parts[0] == "1" && parts[1] == filterKey
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw RpcErrors.InvalidField("page_token", "the page token is malformed or belongs to a request with another administration filter");
    }
}
