namespace Gateway.Domain.Pricing;

/// <summary>
/// Prices, offered languages, quote lifetime and order windows, bound from the configuration
/// section <see cref="SectionName"/>. Amounts are decimal in <see cref="CurrencyCode"/>.
/// </summary>
public sealed class PricingOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway:Pricing";

    /// <summary>ISO 4217 currency of every price. Default USD.</summary>
    public string CurrencyCode { get; set; } = "USD";

    /// <summary>Price of one set (English video plus the primary-language video, if offered). Default 1.00.</summary>
    public decimal SetPrice { get; set; } = 1.00m;

    /// <summary>Added price per set whose link is texted to a guardian. Default 0.25.</summary>
    public decimal TextedLinkPrice { get; set; } = 0.25m;

    /// <summary>
    /// Primary languages with a video besides English. Default Filipino, Mandarin, Spanish,
    /// Vietnamese. Note: the configuration binder appends to a default list, so a configured list
    /// adds to these; set <see cref="ReplaceOfferedPrimaryLanguages"/> to use only the configured ones.
    /// </summary>
    public List<VideoLanguage> OfferedPrimaryLanguages { get; set; } =
        [VideoLanguage.Filipino, VideoLanguage.Mandarin, VideoLanguage.Spanish, VideoLanguage.Vietnamese];

    /// <summary>When set, <see cref="OfferedPrimaryLanguages"/> is exactly this list. Default null.</summary>
    public List<VideoLanguage>? ReplaceOfferedPrimaryLanguages { get; set; }

    /// <summary>How long a quote can be used to place an order. Default 30 minutes.</summary>
    public TimeSpan QuoteLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>IANA time zone in which order window days are counted. Default America/Los_Angeles.</summary>
    public string OrderWindowTimeZone { get; set; } = "America/Los_Angeles";

    /// <summary>Window of the Summative ELPAC. Default July 1 of the first school year through June 30 of the second.</summary>
    public OrderWindowRule SummativeElpacWindow { get; set; } = new();

    /// <summary>Window of the Initial ELPAC. Default July 1 of the first school year through June 30 of the second.</summary>
    public OrderWindowRule InitialElpacWindow { get; set; } = new();

    /// <summary>Offered primary languages, distinct and sorted, after applying <see cref="ReplaceOfferedPrimaryLanguages"/>.</summary>
    public IReadOnlyList<VideoLanguage> EffectiveOfferedPrimaryLanguages =>
        [.. (ReplaceOfferedPrimaryLanguages ?? OfferedPrimaryLanguages).Where(l => l != VideoLanguage.English).Distinct().Order()];
}

/// <summary>
/// First and last day of an order window, each a month and day in the first
/// (<c>YearOffset</c> 0) or second (<c>YearOffset</c> 1) calendar year of the school year.
/// </summary>
public sealed class OrderWindowRule
{
    public int FirstDayYearOffset { get; set; }
    public int FirstDayMonth { get; set; } = 7;
    public int FirstDayDay { get; set; } = 1;
    public int LastDayYearOffset { get; set; } = 1;
    public int LastDayMonth { get; set; } = 6;
    public int LastDayDay { get; set; } = 30;
}
