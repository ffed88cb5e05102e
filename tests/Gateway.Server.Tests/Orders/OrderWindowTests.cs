using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Orders.OrderHarness;

namespace Gateway.Server.Tests.Orders;

public sealed class OrderWindowTests : IAsyncLifetime
{
    // Before every instant the cases move to, because a fake clock only moves forward.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 1, 17, 0, 0, TimeSpan.Zero));
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(o => o.TimeProvider = _clock);
        await _gateway.CreateLeaAsync(Lea);
        await UploadRosterAsync(_gateway, Lea, Summative("2025-26"), [new("1000000001", SchoolA, "01", Textable: false)]);
        await UploadRosterAsync(_gateway, Lea, Initial("2026-27"), [new("1000000001", SchoolA, "01", Textable: false)]);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    // June 30 and July 1 are in Pacific daylight time (UTC-7), so the window edge is 07:00 UTC.
    // 07:30 UTC is still June 30 in standard time (UTC-8) and catches an offset taken in winter.
    [Theory]
    [InlineData("2025-26", false, "2026-07-01T06:59:59Z", true)]
    [InlineData("2025-26", false, "2026-07-01T07:00:00Z", false)]
    [InlineData("2025-26", false, "2026-07-01T07:30:00Z", false)]
    [InlineData("2025-26", false, "2025-07-01T06:59:59Z", false)]
    [InlineData("2025-26", false, "2025-07-01T07:00:00Z", true)]
    [InlineData("2026-27", true, "2026-07-01T06:59:59Z", false)]
    [InlineData("2026-27", true, "2026-07-01T07:00:00Z", true)]
    [InlineData("2026-27", true, "2027-07-01T06:59:59Z", true)]
    [InlineData("2026-27", true, "2027-07-01T07:00:00Z", false)]
    public async Task PlaceOrder_AtWindowEdge_AcceptedOnlyInside(string schoolYear, bool initial, string instant, bool open)
    {
        _clock.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        var orders = await CreateOrderClientAsync(_gateway);
        var administration = initial ? Initial(schoolYear) : Summative(schoolYear);
        var request = SelectionOrder($"edge-{schoolYear}-{instant}", administration, false, "1000000001");

        if (open)
        {
            var order = (await orders.PlaceOrderAsync(request).ResponseAsync.WaitAsync(TestTimeout)).Order;
            Assert.Equal(OrderState.Placed, order.State);
            return;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(request).ResponseAsync.WaitAsync(TestTimeout));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ORDER_WINDOW_CLOSED", ErrorReason(error));
        var startYear = int.Parse(schoolYear[..4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"from {startYear}-07-01 through {startYear + 1}-06-30", error.Status.Detail);
    }

    [Fact]
    public async Task WindowClosedError_NamesDaysAndZone()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero));
        var orders = await CreateOrderClientAsync(_gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() => orders.PlaceOrderAsync(SelectionOrder("late", Summative("2025-26"), false, "1000000001")).ResponseAsync.WaitAsync(TestTimeout));
        var info = error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();

        Assert.Equal("2025-07-01", info.Metadata["first_day"]);
        Assert.Equal("2026-06-30", info.Metadata["last_day"]);
        Assert.Equal("America/Los_Angeles", info.Metadata["time_zone"]);
        Assert.Contains("2025-07-01 through 2026-06-30", error.Status.Detail);
    }

    private static SsrGateway.V1.Administration Initial(string schoolYear) =>
        new() { SchoolYear = schoolYear, Assessment = SsrGateway.V1.Assessment.InitialElpac };
}
