namespace Gateway.Domain.Pricing;

/// <summary>What the quote needs of a guardian: whether the mobile is textable and the consent.</summary>
public readonly record struct QuoteGuardian(bool Textable, TextingConsent TextingConsent);

/// <summary>What the quote needs of a selected student.</summary>
public sealed record QuoteStudent(string Ssid, VideoLanguage PrimaryVideoLanguage, IReadOnlyList<QuoteGuardian> Guardians);

/// <summary>Why a student was left out of the sets or of the texted-link option.</summary>
public enum QuoteExclusionReason
{
    NotOnRoster = 1,
    DuplicateInSelection = 2,
    NoTextableMobile = 3,
    TextingConsentDeclined = 4,
}

/// <summary>A student left out; <paramref name="TextedLinkOnly"/> is true when the student still gets a set.</summary>
public sealed record QuoteExclusion(string Ssid, QuoteExclusionReason Reason, bool TextedLinkOnly, string Detail);

/// <summary>Kind of a quote line.</summary>
public enum QuoteLineKind
{
    VideoSet = 1,
    TextedLink = 2,
}

/// <summary>One priced line: quantity times unit price; amounts in the options' currency.</summary>
public sealed record QuoteLine(QuoteLineKind Kind, string Description, int Quantity, decimal UnitPrice, decimal Amount);

/// <summary>The priced result of a selection.</summary>
public sealed record QuoteFigures(
    int SetCount,
    IReadOnlyList<KeyValuePair<VideoLanguage, int>> VideosByLanguage,
    int TextedLinkCount,
    IReadOnlyList<QuoteLine> Lines,
    decimal Total,
    IReadOnlyList<QuoteExclusion> Exclusions);

/// <summary>
/// Prices a selection of students one student at a time, so a caller can stream a roster through
/// it. Every selected student gets a set (an English video, plus a video in the primary language
/// when that language is offered). With texted links, a set gets the option when at least one
/// guardian has a textable mobile number and has not declined texting (consent yes or unknown).
/// </summary>
public sealed class QuoteCalculator
{
    private readonly PricingOptions _options;
    private readonly bool _textedLinks;
    private readonly HashSet<VideoLanguage> _offered;
    private readonly Dictionary<VideoLanguage, int> _videos = [];
    private readonly List<QuoteExclusion> _exclusions = [];
    private int _sets;
    private int _texted;

    public QuoteCalculator(PricingOptions options, bool textedLinks)
    {
        _options = options;
        _textedLinks = textedLinks;
        _offered = [.. options.EffectiveOfferedPrimaryLanguages];
    }

    /// <summary>Adds a selected student to the sets and, when eligible, to the texted links.</summary>
    public void Add(QuoteStudent student)
    {
        _sets++;
        Count(VideoLanguage.English);
        if (student.PrimaryVideoLanguage != VideoLanguage.English && _offered.Contains(student.PrimaryVideoLanguage))
        {
            Count(student.PrimaryVideoLanguage);
        }

        if (!_textedLinks)
        {
            return;
        }

        var textable = student.Guardians.Where(g => g.Textable).ToList();
        if (textable.Count == 0)
        {
            _exclusions.Add(new(student.Ssid, QuoteExclusionReason.NoTextableMobile, true, "no guardian has a textable mobile number"));
        }
        else if (textable.All(g => g.TextingConsent == TextingConsent.No))
        {
            _exclusions.Add(new(student.Ssid, QuoteExclusionReason.TextingConsentDeclined, true, "every guardian with a textable mobile number declined texting"));
        }
        else
        {
            _texted++;
        }
    }

    /// <summary>Records an SSID of an explicit selection that is not on the roster.</summary>
    public void ExcludeNotOnRoster(string ssid) =>
        _exclusions.Add(new(ssid, QuoteExclusionReason.NotOnRoster, false, "SSID is not on the administration's roster"));

    /// <summary>Records a repeated SSID of an explicit selection; the student is counted once.</summary>
    public void ExcludeDuplicate(string ssid) =>
        _exclusions.Add(new(ssid, QuoteExclusionReason.DuplicateInSelection, false, "SSID appears more than once in the selection and is counted once"));

    /// <summary>Returns the figures of everything added so far.</summary>
    public QuoteFigures Build()
    {
        var lines = new List<QuoteLine>
        {
            new(QuoteLineKind.VideoSet, "Video SSR set", _sets, _options.SetPrice, _sets * _options.SetPrice),
        };
        if (_textedLinks)
        {
            lines.Add(new(QuoteLineKind.TextedLink, "Texted link", _texted, _options.TextedLinkPrice, _texted * _options.TextedLinkPrice));
        }

        var videos = _videos.OrderBy(v => v.Key).ToList();
        return new QuoteFigures(_sets, videos, _texted, lines, lines.Sum(l => l.Amount), [.. _exclusions]);
    }

    private void Count(VideoLanguage language) => _videos[language] = _videos.GetValueOrDefault(language) + 1;
}
