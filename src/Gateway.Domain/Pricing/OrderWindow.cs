namespace Gateway.Domain.Pricing;

/// <summary>
/// Days on which orders for an administration are accepted, inclusive, counted in a time zone:
/// from the start of <see cref="FirstDay"/> to the end of <see cref="LastDay"/>.
/// </summary>
public sealed record OrderWindow(DateOnly FirstDay, DateOnly LastDay, string TimeZoneId)
{
    /// <summary>
    /// Computes the window of an administration from the rule for its assessment. Throws
    /// <see cref="TimeZoneNotFoundException"/> for an unknown time zone in the options.
    /// </summary>
    public static OrderWindow For(Administration administration, PricingOptions options)
    {
        var rule = administration.Assessment == Assessment.InitialElpac ? options.InitialElpacWindow : options.SummativeElpacWindow;
        var first = new DateOnly(administration.StartYear + rule.FirstDayYearOffset, rule.FirstDayMonth, rule.FirstDayDay);
        var last = new DateOnly(administration.StartYear + rule.LastDayYearOffset, rule.LastDayMonth, rule.LastDayDay);
        _ = TimeZoneInfo.FindSystemTimeZoneById(options.OrderWindowTimeZone);
        return new OrderWindow(first, last, options.OrderWindowTimeZone);
    }

    /// <summary>First instant of the window: midnight starting <see cref="FirstDay"/> in the time zone.</summary>
    public DateTimeOffset Opens => StartOfDay(FirstDay);

    /// <summary>First instant after the window: midnight ending <see cref="LastDay"/> in the time zone.</summary>
    public DateTimeOffset Closes => StartOfDay(LastDay.AddDays(1));

    /// <summary>Whether orders are accepted at <paramref name="instant"/>: <see cref="Opens"/> &lt;= instant &lt; <see cref="Closes"/>.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Opens && instant < Closes;

    private DateTimeOffset StartOfDay(DateOnly day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
