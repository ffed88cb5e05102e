using Gateway.Server.Tests.Feed;
using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Orders.OrderHarness;

namespace Gateway.Server.Tests.Orders;

public sealed class OrderCancelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 17, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(o => o.TimeProvider = _clock);
        await _gateway.CreateLeaAsync(Lea);
        await UploadRosterAsync(_gateway, Lea, Summative(), [
            new("1000000001", SchoolA, "01", Textable: false),
            new("1000000002", SchoolA, "00", Textable: false)]);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Cancel_BeforeLinks_BlocksPublishing()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        var placed = (await orders.PlaceOrderAsync(SelectionOrder("c1", Summative(), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout)).Order;

        var cancelled = (await orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var again = (await orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        var publish = await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000001", Gateway.Domain.VideoLanguage.English)]);

        Assert.Equal(OrderState.Cancelled, cancelled.State);
        Assert.NotNull(cancelled.CancelTime);
        Assert.Equal(OrderState.Cancelled, again.State);
        Assert.Equal(cancelled.CancelTime, again.CancelTime);
        Assert.Equal(1, publish.RejectedCount);
        Assert.Equal("links[0].ssid", publish.RejectedRecords[0].BadRequest.FieldViolations[0].Field);
    }

    [Fact]
    public async Task Cancel_AfterLinkPublished_FailsLinksPublished()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        var placed = (await orders.PlaceOrderAsync(SelectionOrder("c2", Summative(), false, "1000000001", "1000000002")).ResponseAsync.WaitAsync(TestTimeout)).Order;
        var vendor = await FeedHarness.CreateVendorAsync(_gateway);
        await FeedHarness.PublishAsync(vendor, [FeedHarness.Link("1000000002", Gateway.Domain.VideoLanguage.English)]);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("LINKS_PUBLISHED", ErrorReason(error));
    }

    [Fact]
    public async Task Cancel_AfterWindowClosed_FailsWindowClosed()
    {
        var orders = await CreateOrderClientAsync(_gateway);
        var placed = (await orders.PlaceOrderAsync(SelectionOrder("c3", Summative(), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout)).Order;
        _clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero));
        orders = await CreateOrderClientAsync(_gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId }).ResponseAsync.WaitAsync(TestTimeout));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ORDER_WINDOW_CLOSED", ErrorReason(error));
    }
}
