using Gateway.Domain;
using Gateway.Domain.Feed;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Feed;

/// <summary>
/// One entry of an LEA's link feed history, keyed by (LEA, sequence). Rows carry everything a
/// watcher sends, so reading the feed needs no join; rows older than the retention are pruned.
/// </summary>
public sealed class LinkUpdateEntity : ILeaOwned
{
    public string LeaCode { get; set; } = "";
    public long Sequence { get; set; }
    public long LinkId { get; set; }
    public LinkChangeType ChangeType { get; set; }
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public string Ssid { get; set; } = "";
    public string LocalStudentId { get; set; } = "";
    public string SchoolCdsCode { get; set; } = "";

    /// <summary>Guardians' portal account ids, in guardian order, separated by '\n'.</summary>
    public string GuardianPortalAccountIds { get; set; } = "";
    public VideoLanguage Language { get; set; }

    /// <summary>Empty for a revoke. Never logged.</summary>
    public string Url { get; set; } = "";
    public DateTimeOffset? ExpireTime { get; set; }
    public DateTimeOffset CommitTime { get; set; }
}
