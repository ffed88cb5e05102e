using System.Globalization;
using Gateway.Domain.Tenancy;
using Microsoft.Extensions.Options;
using V1 = SsrGateway.V1;

namespace Gateway.Server.Fulfillment;

/// <summary>
/// Checks the fields of publish and revoke records on their own; whether the student was ordered
/// is checked by <see cref="LinkPublisher"/> against the database.
/// </summary>
internal sealed class LinkRecordValidator(IOptions<FulfillmentOptions> options, TimeProvider time)
{
    /// <summary>Validates a publish record; returns the change, or null after adding the rejection to the tally.</summary>
    public LinkChange? Validate(int index, V1.VideoLinkRecord record, LinkChangeTally tally)
    {
        var prefix = $"links[{index}]";
        var violations = new List<(string, string)>();
        var change = ValidateCommon(index, prefix, record.LeaCode, record.Administration, record.Ssid, record.Language, violations);
        var url = ValidateUrl(prefix, record.Url, violations);
        DateTimeOffset? expire = null;
        if (record.ExpireTime is not null)
        {
            // PostgreSQL stores microseconds; dropping the finer ticks keeps a republished link
            // equal to the stored one on both providers.
            var ticks = record.ExpireTime.ToDateTimeOffset().UtcTicks;
            expire = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
            if (expire <= time.GetUtcNow())
            {
                violations.Add(($"{prefix}.expire_time", $"the expiry {expire.Value.ToString("O", CultureInfo.InvariantCulture)} is not in the future"));
            }
        }

        if (violations.Count > 0 || change is null || url is null)
        {
            tally.Reject(index, record.LeaCode, record.Ssid, violations);
            return null;
        }

        return change with { Url = url, ExpireTime = expire };
    }

    /// <summary>Validates a revoke record; returns the change, or null after adding the rejection to the tally.</summary>
    public LinkChange? Validate(int index, V1.VideoLinkRevocation record, LinkChangeTally tally)
    {
        var violations = new List<(string, string)>();
        var change = ValidateCommon(index, $"links[{index}]", record.LeaCode, record.Administration, record.Ssid, record.Language, violations);
        if (violations.Count > 0 || change is null)
        {
            tally.Reject(index, record.LeaCode, record.Ssid, violations);
            return null;
        }

        return change;
    }

    private static LinkChange? ValidateCommon(
        int index, string prefix, string leaText, V1.Administration? administration, string ssidText, V1.VideoLanguage language,
        List<(string, string)> violations)
    {
        if (!CdsCode.TryParse(leaText, out var lea))
        {
            violations.Add(($"{prefix}.lea_code", $"'{leaText}' is not a 14-digit CDS code"));
        }

        string? schoolYear = null;
        if (administration is null)
        {
            violations.Add(($"{prefix}.administration", "the administration is missing"));
        }
        else
        {
            if (!Gateway.Domain.Administration.TryParseSchoolYear(administration.SchoolYear, out schoolYear, out var yearError))
            {
                violations.Add(($"{prefix}.administration.school_year", yearError));
            }

            if (!Enum.IsDefined((Gateway.Domain.Assessment)(int)administration.Assessment))
            {
                violations.Add(($"{prefix}.administration.assessment", "the assessment must be SUMMATIVE_ELPAC or INITIAL_ELPAC"));
            }
        }

        var ssid = ssidText.Trim();
        if (ssid.Length != 10 || !ssid.All(char.IsAsciiDigit))
        {
            violations.Add(($"{prefix}.ssid", $"'{ssidText}' is not a 10-digit SSID"));
        }

        if (!Enum.IsDefined((Gateway.Domain.VideoLanguage)(int)language))
        {
            violations.Add(($"{prefix}.language", "the language must be one of ENGLISH, SPANISH, VIETNAMESE, MANDARIN and FILIPINO"));
        }

        if (violations.Count > 0 || schoolYear is null || administration is null)
        {
            return null;
        }

        return new LinkChange(index, lea.Value, schoolYear, (Gateway.Domain.Assessment)(int)administration.Assessment, ssid,
            (Gateway.Domain.VideoLanguage)(int)language, null, null);
    }

    // The message never repeats the URL, because URLs are private; it names the rule instead.
    private string? ValidateUrl(string prefix, string text, List<(string, string)> violations)
    {
        var settings = options.Value;
        var field = $"{prefix}.url";
        if (text.Length == 0)
        {
            violations.Add((field, "the URL is missing"));
            return null;
        }

        if (text.Length > settings.MaxUrlLength)
        {
            violations.Add((field, $"the URL is {text.Length} characters long; the maximum is {settings.MaxUrlLength}"));
            return null;
        }

        // Uri.TryCreate trims surrounding whitespace and accepts some of these characters, so the raw
        // text is checked.
        if (Gateway.Domain.UnsafeCharacters.Describe(text, rejectWhitespace: true) is { } unsafeCharacter)
        {
            violations.Add((field, $"the URL contains {unsafeCharacter}; percent-encode it or remove it"));
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            violations.Add((field, "the URL is not an absolute URL"));
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            violations.Add((field, $"the URL uses the scheme '{uri.Scheme}'; only https is accepted"));
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            violations.Add((field, "the URL must not contain user information"));
            return null;
        }

        if (!uri.IsDefaultPort || HasExplicitPort(text))
        {
            violations.Add((field, $"the URL names the port {uri.Port}; remove the port, because only the default https port is accepted"));
            return null;
        }

        if (text.Contains('#', StringComparison.Ordinal))
        {
            violations.Add((field, "the URL must not contain a fragment (#...)"));
            return null;
        }

        if (!settings.AllowedUrlHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            violations.Add((field, $"the URL's host '{uri.IdnHost}' is not an allowed video host; allowed: {string.Join(", ", settings.AllowedUrlHosts)}"));
            return null;
        }

        // The normalised form (lowercase host, resolved dot segments, percent-encoded non-ASCII) is
        // stored, so the feed sends the same text for the same address.
        return uri.AbsoluteUri;
    }

    // Uri reports "https://host:443/" as the default port, so the raw authority is read instead.
    private static bool HasExplicitPort(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = text.IndexOfAny(['/', '\\', '?', '#'], start);
        var authority = end < 0 ? text[start..] : text[start..end];

        // A colon inside the brackets of an IPv6 address is not a port separator.
        return authority.LastIndexOf(':') > authority.LastIndexOf(']');
    }
}
