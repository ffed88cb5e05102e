using System.Globalization;
using Gateway.Server.Pricing;
using Gateway.Server.Rpc;

namespace Gateway.Server.Orders;

/// <summary>Rejects order changes outside an administration's order window, on the injected clock.</summary>
internal sealed class OrderWindowGuard(QuoteService quotes, TimeProvider time)
{
    /// <summary>Returns whether the administration's window contains the current instant.</summary>
    public bool IsOpen(Domain.Administration administration) =>
        quotes.GetOrderWindow(administration).Contains(time.GetUtcNow());

    /// <summary>Throws FAILED_PRECONDITION ORDER_WINDOW_CLOSED, naming the window's days, when it is not open.</summary>
    public void EnsureOpen(Domain.Administration administration)
    {
        var window = quotes.GetOrderWindow(administration);
        if (window.Contains(time.GetUtcNow()))
        {
            return;
        }

        var first = window.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = window.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        throw RpcErrors.FailedPrecondition(
            "ORDER_WINDOW_CLOSED",
            $"Orders for {administration.SchoolYear} {administration.Assessment} are accepted from {first} through {last} ({window.TimeZoneId}); the window is not open now.",
            new Dictionary<string, string> { ["first_day"] = first, ["last_day"] = last, ["time_zone"] = window.TimeZoneId });
    }
}
