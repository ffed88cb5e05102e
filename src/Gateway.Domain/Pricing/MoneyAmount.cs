namespace Gateway.Domain.Pricing;

/// <summary>
/// Conversions between a decimal amount and the <c>units</c>/<c>nanos</c> pair of
/// <c>google.type.Money</c>: whole units plus billionths, both with the sign of the amount.
/// </summary>
public static class MoneyAmount
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>
    /// Splits an amount into units and nanos. Throws <see cref="ArgumentException"/> when the
    /// amount has more than nine decimal places or does not fit a 64-bit units value.
    /// </summary>
    public static (long Units, int Nanos) ToUnitsAndNanos(decimal amount)
    {
        var whole = decimal.Truncate(amount);
        var fraction = (amount - whole) * NanosPerUnit;
        if (fraction != decimal.Truncate(fraction))
        {
            throw new ArgumentException($"amount {amount} has more than 9 decimal places", nameof(amount));
        }

        if (whole < long.MinValue || whole > long.MaxValue)
        {
            throw new ArgumentException($"amount {amount} does not fit google.type.Money", nameof(amount));
        }

        return ((long)whole, (int)fraction);
    }

    /// <summary>
    /// Joins units and nanos into an amount. Throws <see cref="ArgumentException"/> when nanos is
    /// outside ±999,999,999 or its sign differs from a non-zero units value.
    /// </summary>
    public static decimal FromUnitsAndNanos(long units, int nanos)
    {
        if (nanos <= -NanosPerUnit || nanos >= NanosPerUnit)
        {
            throw new ArgumentException($"nanos {nanos} is outside -999999999 to 999999999", nameof(nanos));
        }

        if ((units > 0 && nanos < 0) || (units < 0 && nanos > 0))
        {
            throw new ArgumentException($"units {units} and nanos {nanos} have different signs", nameof(nanos));
        }

        return units + (nanos / NanosPerUnit);
    }
}
