using PhoneNumbers;

namespace Gateway.Domain.Roster;

/// <summary>
/// A guardian's mobile number after parsing: E.164 form, the extension split off, and whether a
/// text message can reach it.
/// </summary>
/// <param name="E164">
/// Number in E.164 form; empty when none was given, it could not be parsed or libphonenumber
/// reports it as not valid (for example 555-0100, which has no area code).
/// </param>
/// <param name="Extension">Extension digits split off the submitted number; empty when none.</param>
/// <param name="Textable">True for a valid number of type mobile or fixed-line-or-mobile.</param>
/// <param name="NotTextableReason">Why <paramref name="Textable"/> is false; null when it is true.</param>
public sealed record MobilePhone(string E164, string Extension, bool Textable, string? NotTextableReason)
{
    /// <summary>Reason stored when no number was given.</summary>
    public const string NoMobileNumber = "no mobile number";

    /// <summary>Region assumed for numbers written without a country code.</summary>
    public const string DefaultRegion = "US";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Parses a number in any common notation with <see cref="DefaultRegion"/> as the default
    /// region (libphonenumber). An unparseable or non-mobile number is returned as not textable
    /// with the reason instead of raising an exception.
    /// </summary>
    public static MobilePhone Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return new MobilePhone("", "", false, NoMobileNumber);
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(trimmed, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return new MobilePhone("", "", false, "not a phone number");
        }

        var extension = number.HasExtension ? number.Extension : "";
        if (!Util.IsValidNumber(number))
        {
            return new MobilePhone("", extension, false, "invalid number");
        }

        var e164 = Util.Format(number, PhoneNumberFormat.E164);

        var reason = Util.GetNumberType(number) switch
        {
            PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE => null,
            PhoneNumberType.FIXED_LINE => "landline",
            PhoneNumberType.TOLL_FREE => "toll-free number",
            PhoneNumberType.PREMIUM_RATE => "premium-rate number",
            PhoneNumberType.SHARED_COST => "shared-cost number",
            PhoneNumberType.VOIP => "VoIP number",
            PhoneNumberType.PAGER => "pager",
            PhoneNumberType.PERSONAL_NUMBER => "personal number",
            PhoneNumberType.UAN => "universal access number",
            PhoneNumberType.VOICEMAIL => "voicemail access number",
            _ => "number type unknown",
        };
        return new MobilePhone(e164, extension, reason is null, reason);
    }
}
