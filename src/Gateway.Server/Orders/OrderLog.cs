namespace Gateway.Server.Orders;

/// <summary>Log messages of orders; they carry LEA codes and order ids, never student data.</summary>
internal static partial class OrderLog
{
    [LoggerMessage(EventId = 5001, EventName = "OrderPlaced", Level = LogLevel.Information,
        Message = "Order {OrderId} placed for LEA {LeaCode}, {Administration}: {SetCount} sets, {TextedLinkCount} texted links, total {Total}")]
    public static partial void OrderPlaced(ILogger logger, Guid orderId, string leaCode, string administration, int setCount, int textedLinkCount, decimal total);

    [LoggerMessage(EventId = 5002, EventName = "OrderReplayed", Level = LogLevel.Information,
        Message = "Order {OrderId} of LEA {LeaCode} returned again for a repeated idempotency key")]
    public static partial void OrderReplayed(ILogger logger, Guid orderId, string leaCode);

    [LoggerMessage(EventId = 5003, EventName = "OrderRejected", Level = LogLevel.Information,
        Message = "Order of LEA {LeaCode} rejected: {Reason}")]
    public static partial void OrderRejected(ILogger logger, string leaCode, string reason);

    [LoggerMessage(EventId = 5004, EventName = "OrderCancelled", Level = LogLevel.Information,
        Message = "Order {OrderId} of LEA {LeaCode} cancelled")]
    public static partial void OrderCancelled(ILogger logger, Guid orderId, string leaCode);
}
