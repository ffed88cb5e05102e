using Gateway.Storage;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage.Orders;
using Gateway.Storage.Tenancy;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Orders.OrderHarness;

namespace Gateway.Server.Tests.Orders;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class OrderTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    // Inside the 2025-26 window.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider, o => o.TimeProvider = _clock);
        await _gateway.CreateLeaAsync(Lea);
        await _gateway.CreateLeaAsync(OtherLea);
        await UploadRosterAsync(_gateway, Lea, Summative(), [
            new("1000000001", SchoolA, "01", Textable: true, "P-1"),
            new("1000000002", SchoolA, "00", Textable: false),
            new("1000000003", SchoolB, "02", Textable: true, "P-3")]);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task PlaceOrder_FromSelection_SnapshotsStudentsAndPrices()
    {
        var orders = await CreateOrderClientAsync(_gateway);

        var placed = (await orders.PlaceOrderAsync(SelectionOrder("k1", Summative(), textedLinks: true)).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var fetched = (await orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout)).Order;

        Assert.Equal(OrderState.Placed, placed.State);
        Assert.Equal(3, placed.SetCount);
        Assert.Equal(2, placed.TextedLinkCount);
        Assert.Equal(3, placed.Total.Units);
        Assert.Equal(500_000_000, placed.Total.Nanos);
        Assert.Equal("USD", placed.Total.CurrencyCode);
        Assert.Equal([LineItemKind.VideoSet, LineItemKind.TextedLink], placed.LineItems.Select(l => l.Kind));
        Assert.Equal(["1000000001", "1000000002", "1000000003"], fetched.Students.Select(s => s.Ssid));
        Assert.Equal(
            [SsrGateway.V1.VideoLanguage.Spanish, SsrGateway.V1.VideoLanguage.English, SsrGateway.V1.VideoLanguage.Vietnamese],
            fetched.Students.Select(s => s.PrimaryVideoLanguage));
        Assert.Equal([true, false, true], fetched.Students.Select(s => s.TextedLink));
        Assert.Empty(placed.Students);
    }

    [Fact]
    public async Task PlaceOrder_LongSsidSelection()
    {
        // SQLite allows at most 32,766 parameters in one statement.
        var orders = await CreateOrderClientAsync(_gateway);
        var ssids = Enumerable.Range(0, 40_000).Select(i => (1_000_000_000 + (i * 7)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        ssids.AddRange(["1000000001", "1000000003"]);

        var placed = (await orders.PlaceOrderAsync(SelectionOrder("long", Summative(), textedLinks: false, [.. ssids])).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var fetched = (await orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout)).Order;

        Assert.Equal(2, placed.SetCount);
        Assert.Equal(["1000000001", "1000000003"], fetched.Students.Select(s => s.Ssid));
    }

    [Fact]
    public async Task PlaceOrder_RepeatedKey_ReturnsSameOrder()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        var request = SelectionOrder("same", Summative(), false, "1000000001");
        request.PurchaseOrderNumber = "PO-17";

        var first = (await orders.PlaceOrderAsync(request).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var second = (await orders.PlaceOrderAsync(request).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var list = await orders.ListOrdersAsync(new ListOrdersRequest()).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Equal("PO-17", second.PurchaseOrderNumber);
        Assert.Single(list.Orders);
    }

    [Fact]
    public async Task PlaceOrder_ReusedKey_Fails()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        await orders.PlaceOrderAsync(SelectionOrder("reused", Summative(), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(SelectionOrder("reused", Summative(), false, "1000000002")).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", ErrorReason(error));
    }

    [Fact]
    public async Task PlaceOrder_FromQuote_KeepsQuotedPrices()
    {
        var pricing = await CreatePricingClientAsync(_gateway);
        var orders = await CreateOrderClientAsync(_gateway);
        var quote = (await pricing.QuoteOrderAsync(new QuoteOrderRequest { Administration = Summative(), Selection = new StudentSelection() }).ResponseAsync.WaitAsync(TestTimeout)).Quote;

        var order = (await orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = quote.QuoteId, IdempotencyKey = "q1" }).ResponseAsync.WaitAsync(TestTimeout)).Order;

        Assert.Equal(quote.QuoteId, order.QuoteId);
        Assert.Equal(quote.Total, order.Total);
        Assert.Equal(quote.SetCount, order.SetCount);
        Assert.Equal(quote.RosterVersion, order.RosterVersion);
    }

    [Fact]
    public async Task PlaceOrder_QuoteOrderedTwice_Fails()
    {
        var pricing = await CreatePricingClientAsync(_gateway);
        var orders = await CreateOrderClientAsync(_gateway);
        var quote = (await pricing.QuoteOrderAsync(new QuoteOrderRequest { Administration = Summative(), Selection = new StudentSelection() }).ResponseAsync.WaitAsync(TestTimeout)).Quote;
        var first = (await orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = quote.QuoteId, IdempotencyKey = "once" }).ResponseAsync.WaitAsync(TestTimeout)).Order;

        var replayed = (await orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = quote.QuoteId, IdempotencyKey = "once" }).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = quote.QuoteId, IdempotencyKey = "twice" }).ResponseAsync.WaitAsync(TestTimeout));
        var listed = await orders.ListOrdersAsync(new ListOrdersRequest()).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Equal(first.OrderId, replayed.OrderId);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("QUOTE_ALREADY_ORDERED", ErrorReason(error));
        Assert.Equal(first.OrderId, error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["order_id"]);
        Assert.Contains(first.OrderId, error.Status.Detail);
        Assert.Single(listed.Orders);
    }

    [Fact]
    public async Task OrderTable_RejectsSecondOrderOfQuote()
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().LeaCode = Lea;
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        db.Orders.Add(NewOrder("a", quoteId: ""));
        db.Orders.Add(NewOrder("b", quoteId: ""));
        db.Orders.Add(NewOrder("c", quoteId: "quote-1"));
        await db.SaveChangesAsync().WaitAsync(TestTimeout);

        db.Orders.Add(NewOrder("d", quoteId: "quote-1"));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync().WaitAsync(TestTimeout));

        Assert.Contains("QuoteId", error.InnerException?.Message + error.InnerException?.ToString());
        // EF Core logs the failed insert at error level; it is the expected outcome here.
        while (_gateway.ErrorLogs.TryDequeue(out var logged))
        {
            Assert.StartsWith("Microsoft.EntityFrameworkCore.", logged);
        }
    }

    private static OrderEntity NewOrder(string key, string quoteId) => new()
    {
        Id = Guid.NewGuid(), LeaCode = Lea, SchoolYear = "2025-26", Assessment = Domain.Assessment.SummativeElpac,
        IdempotencyKey = key, QuoteId = quoteId, CreateTime = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task PlaceOrder_StaleQuote_FailsRosterChanged()
    {
        var pricing = await CreatePricingClientAsync(_gateway);
        var orders = await CreateOrderClientAsync(_gateway);
        var quote = (await pricing.QuoteOrderAsync(new QuoteOrderRequest { Administration = Summative(), Selection = new StudentSelection() }).ResponseAsync.WaitAsync(TestTimeout)).Quote;
        await UploadRosterAsync(_gateway, Lea, Summative(), [new("1000000001", SchoolA, "01", Textable: true)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = quote.QuoteId, IdempotencyKey = "q2" }).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ROSTER_CHANGED", ErrorReason(error));
    }

    [Fact]
    public async Task PlaceOrder_UnknownQuote_NotFound()
    {
        var orders = await CreateOrderClientAsync(_gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(new PlaceOrderRequest { QuoteId = "nope", IdempotencyKey = "q3" }).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task PlaceOrder_WithoutKey_InvalidArgument()
    {
        var orders = await CreateOrderClientAsync(_gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(SelectionOrder("", Summative())).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("idempotency_key", error.Status.Detail);
    }

    [Fact]
    public async Task GetOrder_OfOtherLea_NotFound()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        var placed = (await orders.PlaceOrderAsync(SelectionOrder("mine", Summative(), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var other = await CreateOrderClientAsync(_gateway, OtherLea);

        var foreign = await Assert.ThrowsAsync<RpcException>(() => other.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout));
        var missingId = Guid.NewGuid().ToString("N");
        var missing = await Assert.ThrowsAsync<RpcException>(() => other.GetOrderAsync(new GetOrderRequest { OrderId = missingId }).ResponseAsync.WaitAsync(TestTimeout));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => other.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace(missingId, "ID"), foreign.Status.Detail.Replace(placed.OrderId, "ID"));
    }

    [Fact]
    public async Task ListOrders_Paged_ReturnsEveryOrderOnce()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        for (var i = 0; i < 5; i++)
        {
            await orders.PlaceOrderAsync(SelectionOrder($"list-{i}", Summative(), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await orders.ListOrdersAsync(new ListOrdersRequest { PageSize = 2, PageToken = token, Administration = Summative() }).ResponseAsync.WaitAsync(TestTimeout);
            Assert.True(page.Orders.Count <= 2);
            seen.AddRange(page.Orders.Select(o => o.IdempotencyKey));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["list-4", "list-3", "list-2", "list-1", "list-0"], seen);
    }
}

public sealed class OrderSqliteTests : OrderTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class OrderPostgreSqlTests : OrderTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
