using Gateway.Domain;
using Gateway.Domain.Pricing;

namespace Gateway.Domain.Tests;

public sealed class OrderWindowTests
{
    private static readonly PricingOptions Options = new();

    [Theory]
    [InlineData(Assessment.SummativeElpac)]
    [InlineData(Assessment.InitialElpac)]
    public void Window_DefaultDays(Assessment assessment)
    {
        var window = OrderWindow.For(new Administration("2025-26", assessment), Options);

        Assert.Equal(new DateOnly(2025, 7, 1), window.FirstDay);
        Assert.Equal(new DateOnly(2026, 6, 30), window.LastDay);
        Assert.Equal("America/Los_Angeles", window.TimeZoneId);
    }

    [Fact]
    public void Window_EdgesInPacificTime()
    {
        var window = OrderWindow.For(new Administration("2025-26", Assessment.SummativeElpac), Options);

        // Pacific Daylight Time (UTC-7) at both edges.
        Assert.Equal(DateTimeOffset.Parse("2025-07-01T07:00:00Z"), window.Opens);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T07:00:00Z"), window.Closes);
        Assert.False(window.Contains(DateTimeOffset.Parse("2025-07-01T06:59:59.999Z")));
        Assert.True(window.Contains(DateTimeOffset.Parse("2025-07-01T07:00:00Z")));
        Assert.True(window.Contains(DateTimeOffset.Parse("2026-06-30T23:59:59-07:00")));
        Assert.True(window.Contains(DateTimeOffset.Parse("2026-07-01T06:59:59.999Z")));
        Assert.False(window.Contains(DateTimeOffset.Parse("2026-07-01T07:00:00Z")));
        Assert.True(window.Contains(DateTimeOffset.Parse("2026-01-15T12:00:00Z")));
    }

    [Fact]
    public void Window_ConfiguredRule()
    {
        var options = new PricingOptions
        {
            OrderWindowTimeZone = "America/New_York",
            InitialElpacWindow = new OrderWindowRule { FirstDayYearOffset = 1, FirstDayMonth = 1, FirstDayDay = 15, LastDayMonth = 3, LastDayDay = 31 },
        };

        var window = OrderWindow.For(new Administration("2024-25", Assessment.InitialElpac), options);

        Assert.Equal(new DateOnly(2025, 1, 15), window.FirstDay);
        Assert.Equal(new DateOnly(2025, 3, 31), window.LastDay);
        Assert.Equal(DateTimeOffset.Parse("2025-01-15T05:00:00Z"), window.Opens);
    }
}
