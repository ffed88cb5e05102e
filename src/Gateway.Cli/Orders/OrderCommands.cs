using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Cli.Admin;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Spectre.Console;
using SsrGateway.V1;

namespace Gateway.Cli.Orders;

/// <summary><c>gatewayctl order place|list|get|cancel</c> over <c>OrderService</c>.</summary>
internal static class OrderCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("order", "Place, list, show and cancel orders of video score reports.");
        command.Add(BuildPlace(context));
        command.Add(BuildList(context));
        command.Add(BuildGet(context));
        command.Add(BuildCancel(context));
        return command;
    }

    private static Command BuildPlace(CliContext context)
    {
        var quote = new Option<string>("--quote") { Description = "Id of an unexpired quote (from 'gatewayctl quote').", Required = true };
        var purchaseOrder = new Option<string?>("--po") { Description = "Purchase order number recorded with the order." };
        var idempotencyKey = new Option<string?>("--idempotency-key")
        {
            Description = "Key that makes a retried order a no-op. Default: derived from the quote id and purchase order number.",
        };
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions();
        var command = new Command("place", "Place an order from a quote.") { quote, purchaseOrder, idempotencyKey, json };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var quoteId = parseResult.GetRequiredValue(quote);
            var purchaseOrderNumber = parseResult.GetValue(purchaseOrder) ?? string.Empty;
            var request = new PlaceOrderRequest
            {
                QuoteId = quoteId,
                PurchaseOrderNumber = purchaseOrderNumber,
                IdempotencyKey = parseResult.GetValue(idempotencyKey) ?? DefaultIdempotencyKey(quoteId, purchaseOrderNumber),
            };

            await using var gateway = await CommonOptions.ConnectAsync(connection.Resolve(parseResult, context), [GatewayScopes.OrdersWrite], cancellationToken);
            var response = await new OrderService.OrderServiceClient(gateway.Channel).PlaceOrderAsync(request, cancellationToken: cancellationToken);
            await WriteOrderAsync(context, response.Order, parseResult.GetValue(json), withStudents: false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildList(CliContext context)
    {
        var schoolYear = CommonOptions.SchoolYear(required: false);
        var assessment = CommonOptions.Assessment(required: false);
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions();
        var command = new Command("list", "List the LEA's orders, all pages; --school-year with --assessment narrows to one administration.")
        {
            schoolYear, assessment, json,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var request = new ListOrdersRequest { PageSize = 100 };
            var year = parseResult.GetValue(schoolYear);
            var assessmentName = parseResult.GetValue(assessment);
            if ((year is null) != (assessmentName is null))
            {
                throw CliException.Usage("--school-year and --assessment go together: pass both to list one administration, or neither.");
            }

            if (year is not null)
            {
                request.Administration = CommonOptions.ParseAdministration(year, assessmentName!);
            }

            await using var gateway = await CommonOptions.ConnectAsync(connection.Resolve(parseResult, context), [GatewayScopes.OrdersRead], cancellationToken);
            var client = new OrderService.OrderServiceClient(gateway.Channel);
            var orders = new List<Order>();
            do
            {
                var page = await client.ListOrdersAsync(request, cancellationToken: cancellationToken);
                orders.AddRange(page.Orders);
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0);

            if (parseResult.GetValue(json))
            {
                await Terminal.WriteJsonAsync(context, new JsonArray(orders.Select(order => (JsonNode)ToJson(order, withStudents: false)).ToArray()));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Order id", "Administration", "State", "PO", "Sets", "Texted links", "Total", "Created (UTC)");
            foreach (var order in orders)
            {
                table.AddTextRow(
                    order.OrderId,
                    $"{order.Administration.SchoolYear} {CommonOptions.Name(order.Administration.Assessment)}",
                    StateName(order.State),
                    order.PurchaseOrderNumber,
                    order.SetCount.ToString(CultureInfo.InvariantCulture),
                    order.TextedLinkCount.ToString(CultureInfo.InvariantCulture),
                    MoneyText.FormatWithCurrency(order.Total),
                    order.CreateTime?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            Terminal.Create(context).Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildGet(CliContext context)
    {
        var orderId = new Argument<string>("ID") { Description = "Order id." };
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions();
        var command = new Command("get", "Show one order with its line items.") { orderId, json };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var gateway = await CommonOptions.ConnectAsync(connection.Resolve(parseResult, context), [GatewayScopes.OrdersRead], cancellationToken);
            var response = await new OrderService.OrderServiceClient(gateway.Channel)
                .GetOrderAsync(new GetOrderRequest { OrderId = parseResult.GetRequiredValue(orderId) }, cancellationToken: cancellationToken);
            await WriteOrderAsync(context, response.Order, parseResult.GetValue(json), withStudents: true);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildCancel(CliContext context)
    {
        var orderId = new Argument<string>("ID") { Description = "Order id." };
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions();
        var command = new Command("cancel", "Cancel an order.") { orderId, json };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var gateway = await CommonOptions.ConnectAsync(connection.Resolve(parseResult, context), [GatewayScopes.OrdersWrite], cancellationToken);
            var response = await new OrderService.OrderServiceClient(gateway.Channel)
                .CancelOrderAsync(new CancelOrderRequest { OrderId = parseResult.GetRequiredValue(orderId) }, cancellationToken: cancellationToken);
            await WriteOrderAsync(context, response.Order, parseResult.GetValue(json), withStudents: false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Derives the key from the quote and purchase order, so rerunning the same command places no second order.</summary>
    private static string DefaultIdempotencyKey(string quoteId, string purchaseOrderNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{quoteId}\n{purchaseOrderNumber}"));
        return "gatewayctl-order-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>Writes an order; only GetOrder returns the ordered students, so only <c>order get</c> shows them.</summary>
    private static async Task WriteOrderAsync(CliContext context, Order order, bool json, bool withStudents)
    {
        if (json)
        {
            await Terminal.WriteJsonAsync(context, ToJson(order, withStudents));
            return;
        }

        var console = Terminal.Create(context);
        console.WriteLine($"Order {order.OrderId} ({StateName(order.State)}) for {order.Administration.SchoolYear} {CommonOptions.Name(order.Administration.Assessment)}");
        console.WriteLine($"Quote: {(order.QuoteId.Length > 0 ? order.QuoteId : "none")}   PO: {(order.PurchaseOrderNumber.Length > 0 ? order.PurchaseOrderNumber : "none")}   Idempotency key: {order.IdempotencyKey}");
        console.WriteLine($"Created: {order.CreateTime?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}" +
            (order.CancelTime is null ? string.Empty : $"   Cancelled: {order.CancelTime.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}"));
        console.WriteLine((withStudents ? $"Students: {order.Students.Count}   " : string.Empty) + $"Sets: {order.SetCount}   Texted links: {order.TextedLinkCount}");

        var items = new Table().AddColumns("Item", "Quantity", "Unit price", "Amount");
        foreach (var item in order.LineItems)
        {
            items.AddTextRow(item.Description, item.Quantity.ToString(CultureInfo.InvariantCulture), MoneyText.Format(item.UnitPrice), MoneyText.Format(item.Amount));
        }

        items.AddTextRow("Total", string.Empty, string.Empty, MoneyText.FormatWithCurrency(order.Total));
        console.Write(items);
    }

    private static string StateName(OrderState state) => state switch
    {
        OrderState.Placed => "placed",
        OrderState.Cancelled => "cancelled",
        _ => state.ToString(),
    };

    private static JsonObject ToJson(Order order, bool withStudents)
    {
        var json = new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["state"] = StateName(order.State),
            ["schoolYear"] = order.Administration.SchoolYear,
            ["assessment"] = CommonOptions.Name(order.Administration.Assessment),
            ["purchaseOrderNumber"] = order.PurchaseOrderNumber,
            ["idempotencyKey"] = order.IdempotencyKey,
            ["quoteId"] = order.QuoteId,
            ["textedLinks"] = order.TextedLinks,
            ["setCount"] = order.SetCount,
            ["textedLinkCount"] = order.TextedLinkCount,
            ["lineItems"] = new JsonArray(order.LineItems.Select(item => (JsonNode)new JsonObject
            {
                ["description"] = item.Description,
                ["quantity"] = item.Quantity,
                ["unitPrice"] = MoneyText.Format(item.UnitPrice),
                ["amount"] = MoneyText.Format(item.Amount),
            }).ToArray()),
            ["total"] = MoneyText.Format(order.Total),
            ["currency"] = string.IsNullOrEmpty(order.Total?.CurrencyCode) ? "USD" : order.Total.CurrencyCode,
            ["rosterVersion"] = order.RosterVersion,
            ["createTime"] = order.CreateTime?.ToDateTimeOffset().ToString("O"),
            ["cancelTime"] = order.CancelTime?.ToDateTimeOffset().ToString("O"),
        };
        if (withStudents)
        {
            json["students"] = new JsonArray(order.Students.Select(student => (JsonNode)new JsonObject
            {
                ["ssid"] = student.Ssid,
                ["schoolCdsCode"] = student.SchoolCdsCode,
                ["primaryVideoLanguage"] = student.PrimaryVideoLanguage.ToString().ToLowerInvariant(),
                ["textedLink"] = student.TextedLink,
            }).ToArray());
        }

        return json;
    }
}
