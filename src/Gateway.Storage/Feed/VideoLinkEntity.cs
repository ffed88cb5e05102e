using Gateway.Domain;
using Gateway.Domain.Feed;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Feed;

/// <summary>
/// The current state of one student's video link in one language. Snapshots read this table; it
/// is never pruned.
/// </summary>
public sealed class VideoLinkEntity : ILeaOwned
{
    public long Id { get; set; }
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public string Ssid { get; set; } = "";
    public VideoLanguage Language { get; set; }

    /// <summary>Order whose set the link belongs to.</summary>
    public Guid OrderId { get; set; }
    public string LocalStudentId { get; set; } = "";
    public string SchoolCdsCode { get; set; } = "";

    /// <summary>Guardians' portal account ids, in guardian order, separated by '\n'.</summary>
    public string GuardianPortalAccountIds { get; set; } = "";

    /// <summary>The latest change; <see cref="LinkChangeType.Revoked"/> once withdrawn.</summary>
    public LinkChangeType State { get; set; }

    /// <summary>Empty once revoked. Never logged.</summary>
    public string Url { get; set; } = "";
    public DateTimeOffset? ExpireTime { get; set; }

    /// <summary>Sequence number of the latest change.</summary>
    public long LastSequence { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
}
