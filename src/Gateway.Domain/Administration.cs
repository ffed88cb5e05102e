using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gateway.Domain;

/// <summary>
/// One administration of an assessment. The school year is written "YYYY-YY" ("2025-26") and runs
/// from July 1 of its first year to June 30 of its second.
/// </summary>
public sealed record Administration(string SchoolYear, Assessment Assessment)
{
    /// <summary>Calendar year in which the school year starts (2025 for "2025-26").</summary>
    public int StartYear => int.Parse(SchoolYear.AsSpan(0, 4), CultureInfo.InvariantCulture);

    /// <summary>Calendar year in which the school year ends (2026 for "2025-26").</summary>
    public int EndYear => StartYear + 1;

    /// <summary>
    /// Parses "YYYY-YY" after trimming. Returns false with a reason when the text is malformed or
    /// the two years are not consecutive.
    /// </summary>
    public static bool TryParseSchoolYear(string? text, [NotNullWhen(true)] out string? schoolYear, [NotNullWhen(false)] out string? error)
    {
        schoolYear = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length != 7 || trimmed[4] != '-'
            || !int.TryParse(trimmed.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(trimmed.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var endSuffix))
        {
            error = $"school year '{trimmed}' is not of the form YYYY-YY, for example 2025-26";
            return false;
        }

        if ((start + 1) % 100 != endSuffix)
        {
            error = $"school year '{trimmed}' does not span two consecutive years";
            return false;
        }

        if (start < 2018 || start > 2100)
        {
            error = $"school year '{trimmed}' is outside 2018-19 to 2100-01";
            return false;
        }

        schoolYear = trimmed;
        error = null;
        return true;
    }

    public override string ToString() => $"{SchoolYear} {Assessment}";
}
