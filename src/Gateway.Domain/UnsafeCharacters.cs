using System.Globalization;
using System.Text;

namespace Gateway.Domain;

/// <summary>
/// Finds characters that must not reach a parent portal or a report: controls (Unicode category
/// Cc, such as NUL, ESC and tab), invisible format characters (Cf, such as the right-to-left
/// override U+202E), and line and paragraph separators (Zl, Zp).
/// </summary>
public static class UnsafeCharacters
{
    /// <summary>
    /// Returns a description of the first unsafe character in <paramref name="text"/>, such as
    /// "the control character U+0000 (category Cc) at position 12", or null when there is none.
    /// With <paramref name="rejectWhitespace"/>, every whitespace character counts as unsafe too.
    /// Positions are zero-based UTF-16 offsets, as .NET strings index them.
    /// </summary>
    public static string? Describe(string text, bool rejectWhitespace)
    {
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var kind = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control => "control character",
                UnicodeCategory.Format => "format character",
                UnicodeCategory.LineSeparator => "line separator",
                UnicodeCategory.ParagraphSeparator => "paragraph separator",
                _ when rejectWhitespace && Rune.IsWhiteSpace(rune) => "whitespace character",
                _ => null,
            };
            if (kind is not null)
            {
                var code = rune.Value.ToString("X4", CultureInfo.InvariantCulture);
                return $"the {kind} U+{code} (category {Abbreviate(Rune.GetUnicodeCategory(rune))}) at position {position}";
            }

            position += rune.Utf16SequenceLength;
        }

        return null;
    }

    private static string Abbreviate(UnicodeCategory category) => category switch
    {
        UnicodeCategory.Control => "Cc",
        UnicodeCategory.Format => "Cf",
        UnicodeCategory.LineSeparator => "Zl",
        UnicodeCategory.ParagraphSeparator => "Zp",
        UnicodeCategory.SpaceSeparator => "Zs",
        _ => category.ToString(),
    };
}
