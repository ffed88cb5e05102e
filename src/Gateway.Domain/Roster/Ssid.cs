using System.Diagnostics.CodeAnalysis;

namespace Gateway.Domain.Roster;

/// <summary>Statewide Student Identifier: exactly 10 ASCII digits.</summary>
public static class Ssid
{
    public const int Length = 10;

    /// <summary>Trims an SSID; returns false unless exactly 10 ASCII digits remain.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? ssid)
    {
        var trimmed = (text ?? "").Trim();
        ssid = trimmed.Length == Length && trimmed.All(char.IsAsciiDigit) ? trimmed : null;
        return ssid is not null;
    }
}
