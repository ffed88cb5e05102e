using System.Globalization;

namespace Gateway.Domain.Feed;

/// <summary>
/// Names of the parent-portal fields an LEA's link updates write. An empty key means the field is
/// not written. The English link writes only <see cref="EnglishLinkField"/>; a primary-language
/// link writes <see cref="PrimaryLanguageLinkField"/>, <see cref="LabelField"/>,
/// <see cref="LanguageField"/> and <see cref="ExpireTimeField"/>.
/// </summary>
public sealed record PortalFieldMapping(
    string EnglishLinkField,
    string PrimaryLanguageLinkField,
    string LabelField,
    string LanguageField,
    string ExpireTimeField)
{
    /// <summary>Maximum length of a field key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The mapping of an LEA that never set one.</summary>
    public static PortalFieldMapping Default { get; } = new(
        "ssr_video_url_en",
        "ssr_video_url_primary",
        "ssr_video_label_primary",
        "ssr_video_language_primary",
        "ssr_video_expire_time_primary");

    /// <summary>
    /// Checks one key: empty, or at most <see cref="MaxKeyLength"/> ASCII letters, digits, '_',
    /// '-', '.' and ':'. Returns null when valid, otherwise the reason.
    /// </summary>
    public static string? ValidateKey(string key)
    {
        if (key.Length > MaxKeyLength)
        {
            return $"field key is {key.Length} characters long; the maximum is {MaxKeyLength}";
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or ':'))
            {
                return $"field key '{key}' contains '{c}'; use letters, digits, '_', '-', '.' and ':'";
            }
        }

        return null;
    }

    /// <summary>Returns (contract field name, reason) for each invalid or duplicated key.</summary>
    public IEnumerable<(string Field, string Reason)> Validate()
    {
        var keys = new (string Field, string Key)[]
        {
            ("english_link_field", EnglishLinkField),
            ("primary_language_link_field", PrimaryLanguageLinkField),
            ("label_field", LabelField),
            ("language_field", LanguageField),
            ("expire_time_field", ExpireTimeField),
        };
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key) in keys)
        {
            if (ValidateKey(key) is { } reason)
            {
                yield return (field, reason);
            }
            else if (key.Length > 0 && !seen.TryAdd(key, field))
            {
                yield return (field, $"field key '{key}' is also used by {seen[key]}");
            }
        }
    }

    /// <summary>
    /// Computes the portal writes of one link update: field key to value. A revoke writes the same
    /// keys with empty values, so the portal clears what it showed.
    /// </summary>
    public IReadOnlyDictionary<string, string> ComputeWrites(
        VideoLanguage language, LinkChangeType change, string url, DateTimeOffset? expireTime)
    {
        var revoked = change == LinkChangeType.Revoked;
        var writes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (language == VideoLanguage.English)
        {
            Add(writes, EnglishLinkField, revoked ? "" : url);
            return writes;
        }

        Add(writes, PrimaryLanguageLinkField, revoked ? "" : url);
        Add(writes, LabelField, revoked ? "" : LinkLabels.LabelFor(language));
        Add(writes, LanguageField, revoked ? "" : LinkLabels.NativeNameOf(language));
        var expire = revoked || expireTime is null
            ? ""
            : expireTime.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Add(writes, ExpireTimeField, expire);
        return writes;
    }

    private static void Add(Dictionary<string, string> writes, string key, string value)
    {
        if (key.Length > 0)
        {
            writes[key] = value;
        }
    }
}
