using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using nietras.SeparatedValues;
using SsrGateway.V1;

namespace Gateway.Cli.Links;

/// <summary>A manifest row that could not be turned into a link record, with its line.</summary>
internal sealed record ManifestRejection(int Line, string Ssid, string Message);

/// <summary>A link record and the manifest line it came from.</summary>
internal sealed record ManifestLink(int Line, VideoLinkRecord Record);

/// <summary>
/// Reads a vendor's link manifest: a CSV with the columns <c>lea_cds_code</c>, <c>ssid</c>,
/// <c>language</c>, <c>url</c> and <c>expires_at</c>, plus optional <c>school_year</c> and
/// <c>assessment</c> that override the command's defaults. Header names ignore case, spaces and
/// underscores, so "LEA CDS Code" matches.
/// </summary>
internal static class LinkManifest
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["leacdscode"] = ["leacode", "lea", "leacds"],
        ["ssid"] = [],
        ["language"] = ["videolanguage"],
        ["url"] = ["videourl", "link"],
        ["expiresat"] = ["expiretime", "expires", "expiry"],
        ["schoolyear"] = [],
        ["assessment"] = [],
    };

    /// <summary>Streams link records; rows that cannot be read go to <paramref name="rejections"/>.</summary>
    public static IEnumerable<ManifestLink> Read(string path, Administration defaults, List<ManifestRejection> rejections)
    {
        using var reader = Sep.Reader(options => options with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var index = LocateColumns(path, reader.Header.ColNames);
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var values = new Dictionary<string, string>();
            var blank = true;
            foreach (var (name, column) in index)
            {
                var value = column < row.ColCount ? row[column].ToString() : string.Empty;
                values[name] = value;
                blank &= string.IsNullOrWhiteSpace(value);
            }

            if (blank)
            {
                continue;
            }

            string Field(string name) => values.GetValueOrDefault(name, string.Empty);
            var ssid = Field("ssid");
            var error = TryParse(Field, defaults, out var record);
            if (error is not null)
            {
                rejections.Add(new ManifestRejection(line, ssid, error));
                continue;
            }

            yield return new ManifestLink(line, record!);
        }
    }

    private static Dictionary<string, int> LocateColumns(string path, IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>();
        for (var column = 0; column < header.Count; column++)
        {
            var key = new string(header[column].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            var canonical = Columns.FirstOrDefault(pair => pair.Key == key || pair.Value.Contains(key)).Key;
            if (canonical is not null)
            {
                index.TryAdd(canonical, column);
            }
        }

        var missing = new[] { "leacdscode", "ssid", "language", "url" }.Where(name => !index.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw CliException.Usage(
                $"The manifest '{path}' lacks the column(s) {string.Join(", ", missing)}; expected lea_cds_code, ssid, language, url and expires_at.");
        }

        return index;
    }

    private static string? TryParse(Func<string, string> field, Administration defaults, out VideoLinkRecord? record)
    {
        record = null;
        var language = ParseLanguage(field("language"));
        if (language is null)
        {
            return $"language '{field("language")}' is invalid: expected english, spanish, vietnamese, mandarin or filipino.";
        }

        var administration = defaults.Clone();
        if (field("schoolyear").Length > 0)
        {
            administration.SchoolYear = field("schoolyear");
        }

        if (field("assessment").Length > 0)
        {
            administration.Assessment = field("assessment").ToLowerInvariant() switch
            {
                "summative" => Assessment.SummativeElpac,
                "initial" => Assessment.InitialElpac,
                _ => Assessment.Unspecified,
            };
            if (administration.Assessment == Assessment.Unspecified)
            {
                return $"assessment '{field("assessment")}' is invalid: expected summative or initial.";
            }
        }

        if (string.IsNullOrEmpty(administration.SchoolYear) || administration.Assessment == Assessment.Unspecified)
        {
            return "the school year or assessment is missing: add school_year and assessment columns or pass --school-year and --assessment.";
        }

        record = new VideoLinkRecord
        {
            LeaCode = field("leacdscode"),
            Administration = administration,
            Ssid = field("ssid"),
            Language = language.Value,
            Url = field("url"),
        };

        var expires = field("expiresat");
        if (expires.Length > 0)
        {
            if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expireTime))
            {
                record = null;
                return $"expires_at '{expires}' is invalid: expected an ISO 8601 date and time such as 2026-12-31T23:59:59Z.";
            }

            record.ExpireTime = Timestamp.FromDateTimeOffset(expireTime);
        }

        return null;
    }

    private static VideoLanguage? ParseLanguage(string text) => text.Trim().ToLowerInvariant() switch
    {
        "english" or "en" or "eng" => VideoLanguage.English,
        "spanish" or "es" or "spa" => VideoLanguage.Spanish,
        "vietnamese" or "vi" or "vie" => VideoLanguage.Vietnamese,
        "mandarin" or "zh" or "cmn" => VideoLanguage.Mandarin,
        "filipino" or "fil" or "tl" => VideoLanguage.Filipino,
        _ => null,
    };
}
