using System.Globalization;
using Google.Type;

namespace Gateway.Cli.Remote;

/// <summary>Converts <c>google.type.Money</c> to decimal without floating point.</summary>
internal static class MoneyText
{
    public static decimal ToDecimal(Money? money) =>
        money is null ? 0m : money.Units + (money.Nanos / 1_000_000_000m);

    /// <summary>Formats an amount with two decimals, for example <c>12.25</c>; more only when the amount has them.</summary>
    public static string Format(Money? money)
    {
        var amount = ToDecimal(money);
        var text = amount.ToString("0.00##########", CultureInfo.InvariantCulture);
        return text;
    }

    public static string FormatWithCurrency(Money? money) =>
        $"{Format(money)} {(string.IsNullOrEmpty(money?.CurrencyCode) ? "USD" : money.CurrencyCode)}";
}
