using Gateway.Domain.Pricing;

namespace Gateway.Server.Pricing;

/// <summary>Conversions between decimal amounts and dates and their <c>google.type</c> messages.</summary>
internal static class PricingMapping
{
    public static Google.Type.Money ToMoney(decimal amount, string currencyCode)
    {
        var (units, nanos) = MoneyAmount.ToUnitsAndNanos(amount);
        return new Google.Type.Money { CurrencyCode = currencyCode, Units = units, Nanos = nanos };
    }

    /// <summary>Returns the decimal amount of a money message; throws <see cref="ArgumentException"/> for invalid nanos.</summary>
    public static decimal ToDecimal(Google.Type.Money money) => MoneyAmount.FromUnitsAndNanos(money.Units, money.Nanos);

    public static Google.Type.Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
