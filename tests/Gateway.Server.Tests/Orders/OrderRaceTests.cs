using Gateway.Storage;
using Gateway.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using SsrGateway.V1;
using static Gateway.Server.Tests.Orders.OrderHarness;

namespace Gateway.Server.Tests.Orders;

/// <summary>Runs once per storage provider through the subclasses at the end of the file.</summary>
public abstract class OrderRaceTests
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    [Fact]
    public async Task PlaceOrder_ConcurrentSameKey_PlacesOneOrder()
    {
        // EF Core logs the losing inserts' unique-key violation at Error level, as a failed command
        // and a failed save, before the service turns it into a replay. Both entries are expected.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
        await using var gateway = await TestGateway.StartAsync(StorageProvider, o =>
        {
            o.TimeProvider = clock;
            o.ExpectedErrorLogs.Add("UNIQUE constraint failed: orders.LeaCode, orders.IdempotencyKey");
            o.ExpectedErrorLogs.Add("IX_orders_LeaCode_IdempotencyKey");
            o.ExpectedErrorLogs.Add("Failed executing DbCommand");
        });
        await gateway.CreateLeaAsync(Lea);
        await UploadRosterAsync(gateway, Lea, Summative(), [new("1000000001", SchoolA, "01", Textable: false), new("1000000003", SchoolB, "02", Textable: false)]);
        var orders = await CreateOrderClientAsync(gateway);
        var request = SelectionOrder("race", Summative(), false, "1000000001", "1000000003");

        var placed = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => orders.PlaceOrderAsync(request).ResponseAsync)).WaitAsync(TestTimeout);
        var list = await orders.ListOrdersAsync(new ListOrdersRequest()).ResponseAsync.WaitAsync(TestTimeout);

        Assert.Single(placed.Select(p => p.Order.OrderId).Distinct());
        Assert.Single(list.Orders);
        Assert.Equal(2, list.Orders[0].SetCount);
    }
}

public sealed class OrderRaceSqliteTests : OrderRaceTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class OrderRacePostgreSqlTests : OrderRaceTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
