using System.Diagnostics.CodeAnalysis;

namespace Gateway.Domain.Roster;

/// <summary>
/// Resolves CALPADS language codes to the video language of a set using
/// <see cref="LanguageOptions"/>. A code mapped to a language that is not offered resolves to
/// English, because the set then has the English video only.
/// </summary>
public sealed class LanguageCodes
{
    /// <summary>CALPADS code for a language that is not known.</summary>
    public const string UnknownCode = "UU";

    private readonly Dictionary<string, VideoLanguage> _codes;

    /// <param name="options">The code table.</param>
    /// <param name="offeredPrimaryLanguages">Languages with a video besides English; null means every language of the table.</param>
    public LanguageCodes(LanguageOptions options, IEnumerable<VideoLanguage>? offeredPrimaryLanguages = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offered = offeredPrimaryLanguages?.ToHashSet();
        _codes = new Dictionary<string, VideoLanguage>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, language) in options.Codes)
        {
            _codes[code.Trim()] = offered is null || offered.Contains(language) ? language : VideoLanguage.English;
        }
    }

    /// <summary>
    /// Normalizes a code (trimmed, upper case) and resolves its video language. Returns false with
    /// a reason when the code is neither blank, <c>UU</c>, two digits nor three ASCII letters.
    /// </summary>
    public bool TryResolve(string? code, [NotNullWhen(true)] out string? normalized, out VideoLanguage language, [NotNullWhen(false)] out string? error)
    {
        language = VideoLanguage.English;
        if (!TryNormalize(code, out normalized, out error))
        {
            return false;
        }

        if (_codes.TryGetValue(normalized, out var mapped))
        {
            language = mapped;
        }

        return true;
    }

    /// <summary>
    /// Trims and upper-cases a code. Returns false with a reason when it is not blank, <c>UU</c>,
    /// two ASCII digits or three ASCII letters.
    /// </summary>
    public static bool TryNormalize(string? code, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        var trimmed = (code ?? "").Trim().ToUpperInvariant();
        var wellFormed = trimmed.Length == 0
            || trimmed == UnknownCode
            || (trimmed.Length == 2 && trimmed.All(char.IsAsciiDigit))
            || (trimmed.Length == 3 && trimmed.All(char.IsAsciiLetterUpper));
        if (!wellFormed)
        {
            normalized = null;
            error = $"language code '{Truncate(trimmed)}' is invalid: expected a two-digit CALPADS code such as 01 or a three-letter code such as SPA";
            return false;
        }

        normalized = trimmed;
        error = null;
        return true;
    }

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "...";
}
