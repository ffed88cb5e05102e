namespace Gateway.Server.Pricing;

/// <summary>Log messages of price schedules and quotes.</summary>
internal static partial class PricingLog
{
    [LoggerMessage(EventId = 3001, EventName = "QuoteComputed", Level = LogLevel.Information,
        Message = "Quote {QuoteId} computed for LEA {Lea}: {Administration}, roster version {RosterVersion}, {SetCount} sets, {TextedLinkCount} texted links, {ExcludedCount} exclusions")]
    public static partial void QuoteComputed(ILogger logger, string quoteId, string lea, string administration, long rosterVersion, int setCount, int textedLinkCount, int excludedCount);

    [LoggerMessage(EventId = 3002, EventName = "QuoteReused", Level = LogLevel.Debug,
        Message = "Quote {QuoteId} of LEA {Lea} reused from the cache for an equal selection")]
    public static partial void QuoteReused(ILogger logger, string quoteId, string lea);

    [LoggerMessage(EventId = 3003, EventName = "RosterChangedDuringQuote", Level = LogLevel.Debug,
        Message = "Roster of LEA {Lea} changed while a quote was computed for {Administration}; computing again")]
    public static partial void RosterChangedDuringQuote(ILogger logger, string lea, string administration);
}
