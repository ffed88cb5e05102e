using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Feed;

/// <summary>An LEA's portal-field mapping; an LEA without a row uses the defaults.</summary>
public sealed class PortalFieldMappingEntity : ILeaOwned
{
    public string LeaCode { get; set; } = "";
    public string EnglishLinkField { get; set; } = "";
    public string PrimaryLanguageLinkField { get; set; } = "";
    public string LabelField { get; set; } = "";
    public string LanguageField { get; set; } = "";
    public string ExpireTimeField { get; set; } = "";
    public DateTimeOffset UpdateTime { get; set; }
}
