using Gateway.Domain.Pricing;

namespace Gateway.Domain.Tests;

public sealed class MoneyAmountTests
{
    [Theory]
    [InlineData("0", 0L, 0)]
    [InlineData("1.00", 1L, 0)]
    [InlineData("0.25", 0L, 250_000_000)]
    [InlineData("3.50", 3L, 500_000_000)]
    [InlineData("-1.75", -1L, -750_000_000)]
    [InlineData("-0.5", 0L, -500_000_000)]
    [InlineData("12345678.000000001", 12345678L, 1)]
    public void Convert_RoundTrips(string text, long units, int nanos)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((units, nanos), MoneyAmount.ToUnitsAndNanos(amount));
        Assert.Equal(amount, MoneyAmount.FromUnitsAndNanos(units, nanos));
    }

    [Fact]
    public void ToUnitsAndNanos_RejectsTenDecimals() =>
        Assert.Throws<ArgumentException>(() => MoneyAmount.ToUnitsAndNanos(0.0000000001m));

    [Theory]
    [InlineData(1L, -1)]
    [InlineData(-1L, 1)]
    [InlineData(0L, 1_000_000_000)]
    public void FromUnitsAndNanos_RejectsInvalid(long units, int nanos) =>
        Assert.Throws<ArgumentException>(() => MoneyAmount.FromUnitsAndNanos(units, nanos));

    [Fact]
    public void Sum_IsExact()
    {
        var total = Enumerable.Repeat(0.1m, 10).Sum();

        Assert.Equal((1L, 0), MoneyAmount.ToUnitsAndNanos(total));
    }
}
