using Gateway.Testing;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Orders.OrderHarness;

namespace Gateway.Server.Tests.ScaleOut;

/// <summary>Orders placed through two replicas with one idempotency key produce one order.</summary>
public sealed class TwoReplicaOrderTests : IAsyncLifetime
{
    // Inside the 2025-26 ordering window.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
    private ReplicaPair _replicas = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.GetSharedAsync().WaitAsync(TestTimeout);
        _replicas = await ReplicaPair.StartAsync(postgres, o =>
        {
            o.TimeProvider = _clock;

            // A call that loses the race hits the unique key and replays the winner's order,
            // but EF Core logs the failed INSERT (command text, then the exception) at Error level.
            o.ExpectedErrorLogs.Add("INSERT INTO orders (");
            o.ExpectedErrorLogs.Add("IX_orders_LeaCode_IdempotencyKey");
        });
        await _replicas.A.CreateLeaAsync(Lea);
        await UploadRosterAsync(_replicas.A, Lea, Summative(), [
            new("1000000001", SchoolA, "01", Textable: true, "P-1"),
            new("1000000002", SchoolB, "00", Textable: false)]);
    }

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task Same_key_on_both_places_one_order()
    {
        var ordersOnA = await CreateOrderClientAsync(_replicas.A);
        var ordersOnB = await CreateOrderClientAsync(_replicas.B);
        var request = SelectionOrder("replicated-key", Summative(), textedLinks: true);

        var calls = Enumerable.Range(0, 6)
            .Select(i => (i % 2 == 0 ? ordersOnA : ordersOnB).PlaceOrderAsync(request, deadline: DateTime.UtcNow.Add(TestTimeout)).ResponseAsync)
            .ToList();
        var responses = await Task.WhenAll(calls).WaitAsync(TestTimeout);
        var listed = await ordersOnB.ListOrdersAsync(new ListOrdersRequest(), deadline: DateTime.UtcNow.Add(TestTimeout));

        Assert.Single(responses.Select(r => r.Order.OrderId).Distinct());
        var order = Assert.Single(listed.Orders);
        Assert.Equal(responses[0].Order.OrderId, order.OrderId);
        Assert.Equal(2, order.SetCount);
    }
}
