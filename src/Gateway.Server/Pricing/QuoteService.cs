using System.Security.Cryptography;
using Gateway.Domain.Pricing;
using Gateway.Domain.Roster;
using Gateway.Server.Roster;
using Gateway.Server.Rpc;
using Gateway.Storage.Pricing;
using Gateway.Storage.Roster;
using Gateway.Storage.Tenancy;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using SsrGateway.V1;

namespace Gateway.Server.Pricing;

/// <summary>
/// Prices selections of the current LEA's roster (the LEA of the request's token) and keeps the
/// quotes so that an order can refer to one by id. Registered as a scoped service.
/// </summary>
/// <remarks>
/// Storage rules: a quote is stored in the database under its id (the record orders rely on) and
/// in <see cref="HybridCache"/> under its id and its selection key, all bound to the LEA and
/// expiring with the quote. The cache may drop an entry at any time, for example one larger than
/// HybridCache's maximum payload size, so lookups by id fall back to the database. The selection
/// key contains the roster version, so any roster change makes the next quote a fresh one. A
/// cached quote is reused for an equal selection only while more than half of its lifetime remains.
/// </remarks>
public sealed class QuoteService
{
    private readonly RosterStore _store;
    private readonly QuoteStore _quotes;
    private readonly HybridCache _cache;
    private readonly PricingOptions _options;
    private readonly TimeProvider _time;
    private readonly ITenantScope _tenant;
    private readonly ILogger<QuoteService> _logger;

    public QuoteService(RosterStore store, QuoteStore quotes, HybridCache cache, IOptions<PricingOptions> options, TimeProvider time, ITenantScope tenant, ILogger<QuoteService> logger)
    {
        _store = store;
        _quotes = quotes;
        _cache = cache;
        _options = options.Value;
        _time = time;
        _tenant = tenant;
        _logger = logger;
    }

    private string LeaCode => _tenant.LeaCode
        ?? throw new InvalidOperationException("Quotes need a request bound to an LEA.");

    /// <summary>Returns the prices, offered languages and order window of an administration.</summary>
    public PriceSchedule GetPriceSchedule(Domain.Administration administration)
    {
        var window = GetOrderWindow(administration);
        var schedule = new PriceSchedule
        {
            Administration = RosterMapping.ToProto(administration),
            SetPrice = PricingMapping.ToMoney(_options.SetPrice, _options.CurrencyCode),
            TextedLinkPrice = PricingMapping.ToMoney(_options.TextedLinkPrice, _options.CurrencyCode),
            OrderWindow = new SsrGateway.V1.OrderWindow
            {
                FirstDay = PricingMapping.ToDate(window.FirstDay),
                LastDay = PricingMapping.ToDate(window.LastDay),
                TimeZone = window.TimeZoneId,
            },
        };
        schedule.OfferedPrimaryLanguages.AddRange(_options.EffectiveOfferedPrimaryLanguages.Select(RosterMapping.ToProto));
        return schedule;
    }

    /// <summary>Returns the order window of an administration from the configured rules.</summary>
    public Domain.Pricing.OrderWindow GetOrderWindow(Domain.Administration administration) =>
        Domain.Pricing.OrderWindow.For(administration, _options);

    /// <summary>
    /// Returns the roster version of an administration of the current LEA: 0 before the first
    /// upload, raised by every upload that inserts, changes or removes a student. An order whose
    /// quote carries an older version was priced on a roster that has changed since.
    /// </summary>
    public Task<long> GetRosterVersionAsync(Domain.Administration administration, CancellationToken cancellationToken) =>
        _store.GetRosterVersionAsync(administration, cancellationToken);

    /// <summary>
    /// Prices a selection of the current LEA's roster and stores the quote under its id for
    /// <see cref="QuoteLifetime"/>. Returns a cached quote for an equal selection, texted-link
    /// option and roster version. Throws an INVALID_ARGUMENT <see cref="RpcException"/> naming
    /// <c>selection.*</c> fields when the selection is malformed.
    /// </summary>
    public async Task<Quote> QuoteAsync(Domain.Administration administration, StudentSelection? selection, bool textedLinks, CancellationToken cancellationToken)
    {
        var lea = LeaCode;
        var normalized = NormalizeSelection(selection ?? new StudentSelection());
        var version = await _store.GetRosterVersionAsync(administration, cancellationToken);
        var selectionKey = SelectionKey(lea, administration, version, normalized, textedLinks);

        var cached = await FindAsync(selectionKey, cancellationToken);
        if (cached is not null && cached.ExpireTime.ToDateTimeOffset() - _time.GetUtcNow() > QuoteLifetime / 2)
        {
            PricingLog.QuoteReused(_logger, cached.QuoteId, lea);
            return cached;
        }

        var quote = await ComputeAsync(lea, administration, normalized, textedLinks, cancellationToken);
        var entry = new HybridCacheEntryOptions { Expiration = QuoteLifetime, LocalCacheExpiration = QuoteLifetime };
        var bytes = quote.ToByteArray();
        await _quotes.AddAsync(quote.QuoteId, quote.ExpireTime.ToDateTimeOffset(), bytes, _time.GetUtcNow(), cancellationToken);
        await _cache.SetAsync(IdKey(lea, quote.QuoteId), bytes, entry, cancellationToken: cancellationToken);
        await _cache.SetAsync(SelectionKey(lea, administration, quote.RosterVersion, normalized, textedLinks), bytes, entry, cancellationToken: cancellationToken);
        return quote;
    }

    /// <summary>
    /// Returns the current LEA's quote with the id, or null when it is unknown, expired or
    /// belongs to another LEA.
    /// </summary>
    public async Task<Quote?> FindQuoteAsync(string quoteId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(quoteId))
        {
            return null;
        }

        var id = quoteId.Trim();
        var now = _time.GetUtcNow();
        var quote = await FindAsync(IdKey(LeaCode, id), cancellationToken);
        if (quote is null)
        {
            var stored = await _quotes.FindAsync(id, now, cancellationToken);
            quote = stored is null ? null : Quote.Parser.ParseFrom(stored);
        }

        return quote is not null && quote.ExpireTime.ToDateTimeOffset() > now ? quote : null;
    }

    /// <summary>How long a quote stays valid; from <see cref="PricingOptions.QuoteLifetime"/>.</summary>
    public TimeSpan QuoteLifetime => _options.QuoteLifetime;

    private async Task<Quote> ComputeAsync(string lea, Domain.Administration administration, StudentSelection selection, bool textedLinks, CancellationToken cancellationToken)
    {
        // The version is read before and after the students. A change in between means an upload
        // committed meanwhile, so the figures may mix two rosters and are computed again.
        for (var attempt = 1; ; attempt++)
        {
            var before = await _store.GetRosterVersionAsync(administration, cancellationToken);
            var figures = await ComputeFiguresAsync(administration, selection, textedLinks, cancellationToken);
            var after = await _store.GetRosterVersionAsync(administration, cancellationToken);
            if (before == after || attempt == 3)
            {
                var quote = ToQuote(administration, selection, textedLinks, figures, before);
                PricingLog.QuoteComputed(_logger, quote.QuoteId, lea, administration.ToString(), before, figures.SetCount, figures.TextedLinkCount, figures.Exclusions.Count);
                return quote;
            }

            PricingLog.RosterChangedDuringQuote(_logger, lea, administration.ToString());
        }
    }

    private async Task<QuoteFigures> ComputeFiguresAsync(Domain.Administration administration, StudentSelection selection, bool textedLinks, CancellationToken cancellationToken)
    {
        var calculator = new QuoteCalculator(_options, textedLinks);
        if (selection.Ssids.Count == 0)
        {
            var filter = RosterGrpcService.ToFilter(selection.SchoolCdsCodes, selection.Grades, selection.VideoLanguages, "selection.");
            await foreach (var student in _store.StreamQuoteStudentsAsync(administration, filter).WithCancellation(cancellationToken))
            {
                calculator.Add(student);
            }

            return calculator.Build();
        }

        var distinct = selection.Ssids.Distinct().ToList();
        var found = new HashSet<string>();
        var byId = StudentFilter.None with { Ssids = distinct };
        await foreach (var student in _store.StreamQuoteStudentsAsync(administration, byId).WithCancellation(cancellationToken))
        {
            found.Add(student.Ssid);
            calculator.Add(student);
        }

        foreach (var ssid in distinct.Where(s => !found.Contains(s)))
        {
            calculator.ExcludeNotOnRoster(ssid);
        }

        foreach (var group in selection.Ssids.GroupBy(s => s).Where(g => g.Count() > 1))
        {
            calculator.ExcludeDuplicate(group.Key);
        }

        return calculator.Build();
    }

    private Quote ToQuote(Domain.Administration administration, StudentSelection selection, bool textedLinks, QuoteFigures figures, long rosterVersion)
    {
        var currency = _options.CurrencyCode;
        var quote = new Quote
        {
            QuoteId = Guid.CreateVersion7().ToString("N"),
            Administration = RosterMapping.ToProto(administration),
            Selection = selection,
            TextedLinks = textedLinks,
            SetCount = figures.SetCount,
            TextedLinkCount = figures.TextedLinkCount,
            Total = PricingMapping.ToMoney(figures.Total, currency),
            RosterVersion = rosterVersion,
            ExpireTime = Timestamp.FromDateTimeOffset(_time.GetUtcNow() + QuoteLifetime),
        };
        quote.VideosByLanguage.AddRange(figures.VideosByLanguage.Select(v => new LanguageCount { Language = RosterMapping.ToProto(v.Key), Count = v.Value }));
        quote.LineItems.AddRange(figures.Lines.Select(l => new LineItem
        {
            Kind = l.Kind == QuoteLineKind.VideoSet ? LineItemKind.VideoSet : LineItemKind.TextedLink,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPrice = PricingMapping.ToMoney(l.UnitPrice, currency),
            Amount = PricingMapping.ToMoney(l.Amount, currency),
        }));
        quote.ExcludedStudents.AddRange(figures.Exclusions.Select(e => new ExcludedStudent
        {
            Ssid = e.Ssid,
            Reason = (ExclusionReason)(int)e.Reason,
            TextedLinkOnly = e.TextedLinkOnly,
            Detail = e.Detail,
        }));
        return quote;
    }

    /// <summary>
    /// Maximum number of SSIDs in an explicit selection. A request of this size is about 2.4 MB,
    /// below gRPC's default 4 MB message limit.
    /// NOTE: an estimate meant to exceed one LEA's ELPAC students; it is not taken from CDE figures.
    /// The quote returned for a long list of SSIDs not on the roster can exceed a client's default
    /// 4 MB receive limit, because each exclusion adds about 60 bytes.
    /// </summary>
    public const int MaxSelectedSsids = 200_000;

    // Validates the selection and returns it trimmed and sorted, so equal selections share a
    // cache key. Duplicate SSIDs are kept because the quote reports them.
    private static StudentSelection NormalizeSelection(StudentSelection selection)
    {
        var hasFilters = selection.SchoolCdsCodes.Count > 0 || selection.Grades.Count > 0 || selection.VideoLanguages.Count > 0;
        if (selection.Ssids.Count > 0 && hasFilters)
        {
            throw RpcErrors.InvalidField("selection.ssids", "an SSID list cannot be combined with school, grade or language filters; send one or the other");
        }

        var filter = RosterGrpcService.ToFilter(selection.SchoolCdsCodes, selection.Grades, selection.VideoLanguages, "selection.");
        var normalized = new StudentSelection();
        normalized.SchoolCdsCodes.AddRange(filter.SchoolCdsCodes.Distinct().Order(StringComparer.Ordinal));
        normalized.Grades.AddRange(filter.Grades.Distinct().Order(StringComparer.Ordinal));
        normalized.VideoLanguages.AddRange(filter.VideoLanguages.Distinct().Order().Select(RosterMapping.ToProto));

        if (selection.Ssids.Count > MaxSelectedSsids)
        {
            throw RpcErrors.InvalidField("selection.ssids", $"the selection has {selection.Ssids.Count} SSIDs but at most {MaxSelectedSsids} are allowed; split the students into several orders or select them by school, grade or language");
        }

        var ssids = new List<string>(selection.Ssids.Count);
        for (var i = 0; i < selection.Ssids.Count; i++)
        {
            if (!Ssid.TryNormalize(selection.Ssids[i], out var ssid))
            {
                throw RpcErrors.InvalidField($"selection.ssids[{i}]", $"'{selection.Ssids[i]}' is not an SSID: expected exactly 10 digits");
            }

            ssids.Add(ssid);
        }

        normalized.Ssids.AddRange(ssids.Order(StringComparer.Ordinal));
        return normalized;
    }

    private async Task<Quote?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await _cache.GetOrCreateAsync<byte[]?>(
            key,
            _ => ValueTask.FromResult<byte[]?>(null),
            new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite },
            cancellationToken: cancellationToken);

        // A miss comes back as null or, from some serializers, as an empty array; a stored
        // quote always has bytes because its id is set.
        return bytes is null || bytes.Length == 0 ? null : Quote.Parser.ParseFrom(bytes);
    }

    private static string IdKey(string lea, string quoteId) => $"quote:id:{lea}:{quoteId}";

    private static string SelectionKey(string lea, Domain.Administration administration, long version, StudentSelection selection, bool textedLinks)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(selection.ToByteArray()));
        return $"quote:selection:{lea}:{administration.SchoolYear}:{(int)administration.Assessment}:{version}:{(textedLinks ? 1 : 0)}:{digest}";
    }
}
