using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Feed;

/// <summary>Whether the LEA's portal wrote one link update, keyed by (LEA, sequence).</summary>
public sealed class LinkAcknowledgementEntity : ILeaOwned
{
    public string LeaCode { get; set; } = "";
    public long Sequence { get; set; }
    public long LinkId { get; set; }

    /// <summary>True for written, false for failed.</summary>
    public bool Written { get; set; }

    /// <summary>Why the write failed; empty when written.</summary>
    public string Reason { get; set; } = "";
    public DateTimeOffset AcknowledgeTime { get; set; }
}
