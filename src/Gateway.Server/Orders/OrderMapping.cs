using Gateway.Server.Pricing;
using Gateway.Storage.Orders;
using Google.Protobuf.WellKnownTypes;
using Proto = SsrGateway.V1;

namespace Gateway.Server.Orders;

/// <summary>Maps stored orders to the contract.</summary>
internal static class OrderMapping
{
    public static Proto.Order ToProto(OrderEntity order, bool withStudents)
    {
        var proto = new Proto.Order
        {
            OrderId = order.Id.ToString("N"),
            Administration = new Proto.Administration { SchoolYear = order.SchoolYear, Assessment = (Proto.Assessment)(int)order.Assessment },
            State = order.Cancelled ? Proto.OrderState.Cancelled : Proto.OrderState.Placed,
            PurchaseOrderNumber = order.PurchaseOrderNumber,
            IdempotencyKey = order.IdempotencyKey,
            QuoteId = order.QuoteId,
            TextedLinks = order.TextedLinks,
            SetCount = order.SetCount,
            TextedLinkCount = order.TextedLinkCount,
            Total = PricingMapping.ToMoney(order.Total, order.Currency),
            CreateTime = Timestamp.FromDateTimeOffset(order.CreateTime),
            RosterVersion = order.RosterVersion,
        };
        if (order.CancelTime is { } cancelTime)
        {
            proto.CancelTime = Timestamp.FromDateTimeOffset(cancelTime);
        }

        proto.LineItems.AddRange(order.LineItems.OrderBy(l => l.Kind).Select(l => new Proto.LineItem
        {
            Kind = (Proto.LineItemKind)l.Kind,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPrice = PricingMapping.ToMoney(l.UnitPrice, order.Currency),
            Amount = PricingMapping.ToMoney(l.Amount, order.Currency),
        }));
        if (withStudents)
        {
            proto.Students.AddRange(order.Students.OrderBy(s => s.Ssid, StringComparer.Ordinal).Select(s => new Proto.OrderedStudent
            {
                Ssid = s.Ssid,
                SchoolCdsCode = s.SchoolCdsCode,
                PrimaryVideoLanguage = (Proto.VideoLanguage)(int)s.PrimaryVideoLanguage,
                TextedLink = s.TextedLink,
            }));
        }

        return proto;
    }

    /// <summary>Parses an order id as the service writes it (32 hex digits); null when malformed.</summary>
    public static Guid? ParseId(string text) => Guid.TryParseExact(text.Trim(), "N", out var id) ? id : null;
}
