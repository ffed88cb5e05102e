using Gateway.Domain;
using Gateway.Domain.Roster;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Roster;

/// <summary>
/// A committed roster upload, and the idempotency record of its key: unique per (LEA,
/// idempotency key).
/// </summary>
public sealed class RosterUploadEntity : ILeaOwned
{
    /// <summary>Server-assigned upload id.</summary>
    public string Id { get; set; } = "";
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public RosterUploadMode Mode { get; set; }
    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 over the header and every record; a replay with the same key must match it.</summary>
    public string ContentHash { get; set; } = "";
    public int AcceptedCount { get; set; }
    public int RejectedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int RemovedCount { get; set; }
    public long RosterVersion { get; set; }
    public DateTimeOffset CreateTime { get; set; }

    /// <summary>The response as sent, serialized by the server (it includes every rejected record).</summary>
    public byte[] Outcome { get; set; } = [];
}
