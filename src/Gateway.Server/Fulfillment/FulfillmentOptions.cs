using System.ComponentModel.DataAnnotations;

namespace Gateway.Server.Fulfillment;

/// <summary>Settings of vendor publishing, from the configuration section <c>Fulfillment</c>.</summary>
public sealed class FulfillmentOptions
{
    public const string SectionName = "Fulfillment";

    /// <summary>
    /// Host names a published link may point to, compared without case; only https URLs are
    /// accepted. The default is a placeholder, <c>videos.ssr-vendor.example</c>, so a deployment
    /// must set the vendor's real CDN host, for example
    /// <c>Fulfillment__AllowedUrlHosts__0=cdn.vendor.com</c>.
    /// </summary>
    [MinLength(1)]
    public List<string> AllowedUrlHosts { get; set; } = ["videos.ssr-vendor.example"];

    /// <summary>Maximum length of a link URL. Default 2,048 characters.</summary>
    [Range(64, 8192)]
    public int MaxUrlLength { get; set; } = 2048;
}
