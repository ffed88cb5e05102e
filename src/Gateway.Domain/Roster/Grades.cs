using System.Diagnostics.CodeAnalysis;

namespace Gateway.Domain.Roster;

/// <summary>Grade levels a roster accepts: transitional kindergarten, kindergarten, 01 to 12.</summary>
public static class Grades
{
    /// <summary>Every grade in school order.</summary>
    public static readonly IReadOnlyList<string> All =
        ["TK", "KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>Trims and upper-cases a grade; returns false unless it is one of <see cref="All"/>.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? grade)
    {
        var trimmed = (text ?? "").Trim().ToUpperInvariant();
        grade = Known.Contains(trimmed) ? trimmed : null;
        return grade is not null;
    }
}
