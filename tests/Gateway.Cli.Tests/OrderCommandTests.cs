using Gateway.Domain.Tenancy;
using System.Text.Json;
using Gateway.Cli.Tests.Infrastructure;
using Gateway.Server.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Cli.Tests;

public sealed class OrderCommandTests
{
    // Inside the 2025-26 ordering window, which closes on June 30.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Order_PlaceListGetCancelAndReport()
    {
        await using var session = await GatewayCliSession.StartAsync(
            options => options.TimeProvider = new FakeTimeProvider(Now),
            GatewayScopes.RosterWrite, GatewayScopes.PricingRead, GatewayScopes.OrdersWrite, GatewayScopes.OrdersRead);
        var quoteId = await UploadAndQuoteAsync(session);

        var placed = await session.RunAsync("order", "place", "--quote", quoteId, "--po", "PO-17", "--lea", GatewayCliSession.Lea, "--json");
        var replayed = await session.RunAsync("order", "place", "--quote", quoteId, "--po", "PO-17", "--lea", GatewayCliSession.Lea, "--json");
        var order = JsonDocument.Parse(placed.Output).RootElement;
        var orderId = order.GetProperty("orderId").GetString()!;
        var listed = await session.RunAsync("order", "list", "--lea", GatewayCliSession.Lea, "--json");
        var fetchedText = await session.RunAsync("order", "get", orderId, "--lea", GatewayCliSession.Lea);
        var fetchedJson = await session.RunAsync("order", "get", orderId, "--lea", GatewayCliSession.Lea, "--json");
        var report = await session.RunAsync("report", "--school-year", "2025-26", "--assessment", "summative", "--csv", "--lea", GatewayCliSession.Lea);
        var cancelled = await session.RunAsync("order", "cancel", orderId, "--lea", GatewayCliSession.Lea, "--json");

        Assert.True(placed.ExitCode == 0, placed.ToString());
        Assert.Equal("placed", order.GetProperty("state").GetString());
        Assert.Equal("PO-17", order.GetProperty("purchaseOrderNumber").GetString());
        Assert.Equal("2.25", order.GetProperty("total").GetString());
        Assert.Equal(orderId, JsonDocument.Parse(replayed.Output).RootElement.GetProperty("orderId").GetString());
        Assert.Equal(orderId, Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray()).GetProperty("orderId").GetString());
        Assert.True(fetchedText.ExitCode == 0, fetchedText.ToString());
        Assert.Contains("PO-17", fetchedText.Output);
        Assert.Contains("2.25 USD", fetchedText.Output);
        Assert.Contains("Students: 2", fetchedText.Output);
        var students = JsonDocument.Parse(fetchedJson.Output).RootElement.GetProperty("students").EnumerateArray()
            .Select(student => student.GetProperty("ssid").GetString()!)
            .ToList();
        Assert.Equal(new List<string> { "1000000001", "1000000005" }, students);
        Assert.True(report.ExitCode == 0, report.ToString());
        var reportLines = report.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("school_cds_code,students_ordered,sets,", reportLines[0]);
        Assert.StartsWith("total,2,2,1,", reportLines[^1]);
        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Equal("cancelled", JsonDocument.Parse(cancelled.Output).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task OrderGet_UnknownId_ExitsWithServerError()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.OrdersRead);

        var result = await session.RunAsync("order", "get", Guid.NewGuid().ToString(), "--lea", GatewayCliSession.Lea);

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Contains("NotFound", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Quote_MissingScope_ExitsWithServerError()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);

        var result = await session.RunAsync("quote", "--school-year", "2025-26", "--assessment", "summative", "--lea", GatewayCliSession.Lea);

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Contains("token request", result.Error);
        Assert.Contains("pricing.read", result.Error);
    }

    private static async Task<string> UploadAndQuoteAsync(GatewayCliSession session)
    {
        var extract = session.WriteFile("extract.txt", RosterUploadTests.Extract);
        var contacts = session.WriteFile("contacts.csv", RosterUploadTests.Contacts);
        await session.RunAsync(
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "full", "--lea", GatewayCliSession.Lea);
        var quote = await session.RunAsync(
            "quote", "--school-year", "2025-26", "--assessment", "summative", "--texted-links", "--lea", GatewayCliSession.Lea, "--json");
        Assert.True(quote.ExitCode == 0, quote.ToString());
        return JsonDocument.Parse(quote.Output).RootElement.GetProperty("quoteId").GetString()!;
    }
}
