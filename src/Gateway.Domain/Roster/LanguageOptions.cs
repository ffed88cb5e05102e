namespace Gateway.Domain.Roster;

/// <summary>
/// Table from CALPADS primary language codes to the video language of a set, bound from the
/// configuration section <see cref="SectionName"/>. Keys are matched after trimming and
/// upper-casing. Both CALPADS forms are listed: the two-digit legacy codes and the three-letter
/// codes (ISO 639-2/639-3 based) used from 2023-24.
/// </summary>
/// <remarks>
/// A well-formed code that is not a key (for example <c>03</c> Cantonese, <c>YUE</c>,
/// <c>ARA</c>, <c>99</c> other, <c>MIS</c>) means the set is English only, and so do a blank
/// code and <c>UU</c> (unknown). Configuration adds keys to the defaults or overrides them; to
/// take a default language out of the table, map its code to <c>English</c>.
/// </remarks>
public sealed class LanguageOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway:Languages";

    /// <summary>Code to video language. Defaults: English, Spanish, Vietnamese, Filipino and Mandarin codes in both forms.</summary>
    public Dictionary<string, VideoLanguage> Codes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["00"] = VideoLanguage.English,
        ["01"] = VideoLanguage.Spanish,
        ["02"] = VideoLanguage.Vietnamese,
        ["05"] = VideoLanguage.Filipino,
        ["07"] = VideoLanguage.Mandarin,
        ["ENG"] = VideoLanguage.English,
        ["SPA"] = VideoLanguage.Spanish,
        ["VIE"] = VideoLanguage.Vietnamese,
        ["FIL"] = VideoLanguage.Filipino,
        ["TGL"] = VideoLanguage.Filipino,
        ["CMN"] = VideoLanguage.Mandarin,
    };
}
