namespace Gateway.Domain.Orders;

/// <summary>
/// Whether a set gets the texted-link option: at least one guardian has a textable mobile number
/// and has not declined texting (consent yes or unknown). Quotes count the option the same way.
/// </summary>
public static class TextedLinkRule
{
    public static bool IsEligible(IEnumerable<(bool Textable, TextingConsent Consent)> guardians) =>
        guardians.Any(g => g.Textable && g.Consent != TextingConsent.No);
}
