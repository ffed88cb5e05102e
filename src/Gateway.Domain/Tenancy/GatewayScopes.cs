namespace Gateway.Domain.Tenancy;

/// <summary>
/// OAuth 2.0 scopes of the gateway, one per capability, named <c>area.action</c>. Every scope
/// except <see cref="FulfillmentPublish"/> is used with a token bound to one LEA. Each scope is
/// also the name of the authorization policy that requires it.
/// </summary>
public static class GatewayScopes
{
    public const string RosterWrite = "roster.write";
    public const string RosterRead = "roster.read";
    public const string PricingRead = "pricing.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersRead = "orders.read";
    public const string LinksRead = "links.read";
    public const string LinksAcknowledge = "links.acknowledge";

    /// <summary>The vendor's link publishing; not bound to an LEA, each record names its LEA.</summary>
    public const string FulfillmentPublish = "fulfillment.publish";

    /// <summary>Scopes that need a token bound to one LEA.</summary>
    public static readonly IReadOnlyList<string> LeaScopes =
        [RosterWrite, RosterRead, PricingRead, OrdersWrite, OrdersRead, LinksRead, LinksAcknowledge];

    /// <summary>Every scope the token endpoint accepts.</summary>
    public static readonly IReadOnlyList<string> All = [.. LeaScopes, FulfillmentPublish];
}
