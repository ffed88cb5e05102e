namespace Gateway.Cli.Admin;

/// <summary>
/// OAuth scopes a client can be given. This list mirrors <c>Gateway.Server.Auth.GatewayScopes.All</c>,
/// which the CLI cannot reference because nothing may depend on the server; a test in
/// Gateway.Cli.Tests fails when the two lists differ.
/// </summary>
internal static class CliScopes
{
    public const string RosterWrite = "roster.write";
    public const string RosterRead = "roster.read";
    public const string PricingRead = "pricing.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersRead = "orders.read";
    public const string LinksRead = "links.read";
    public const string LinksAcknowledge = "links.acknowledge";
    public const string FulfillmentPublish = "fulfillment.publish";

    public static readonly IReadOnlyList<string> All =
        [RosterWrite, RosterRead, PricingRead, OrdersWrite, OrdersRead, LinksRead, LinksAcknowledge, FulfillmentPublish];
}
