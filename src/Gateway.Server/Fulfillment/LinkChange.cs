using Gateway.Domain;
using SsrGateway.V1;

namespace Gateway.Server.Fulfillment;

/// <summary>A validated publish or revoke record. <see cref="Url"/> is null for a revoke.</summary>
internal sealed record LinkChange(
    int Index,
    string LeaCode,
    string SchoolYear,
    Gateway.Domain.Assessment Assessment,
    string Ssid,
    Gateway.Domain.VideoLanguage Language,
    string? Url,
    DateTimeOffset? ExpireTime);

/// <summary>Counts and rejected records of one publish or revoke call.</summary>
internal sealed class LinkChangeTally
{
    public int Accepted { get; set; }
    public int Unchanged { get; set; }
    public List<RejectedLinkRecord> Rejected { get; } = [];

    /// <summary>Adds the counts and rejections of one committed attempt.</summary>
    public void Add(LinkChangeTally other)
    {
        Accepted += other.Accepted;
        Unchanged += other.Unchanged;
        Rejected.AddRange(other.Rejected);
    }

    /// <summary>
    /// Returns the rejected records sorted by record index. Field checks reject a record while the
    /// stream is read and database checks reject it later, so <see cref="Rejected"/> is unsorted.
    /// </summary>
    public IEnumerable<RejectedLinkRecord> RejectedByIndex() => Rejected.OrderBy(r => r.RecordIndex);

    public void Reject(int index, string leaCode, string ssid, IEnumerable<(string Field, string Description)> violations)
    {
        var record = new RejectedLinkRecord { RecordIndex = index, LeaCode = leaCode, Ssid = ssid, BadRequest = new Google.Rpc.BadRequest() };
        foreach (var (field, description) in violations)
        {
            record.BadRequest.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        Rejected.Add(record);
    }
}
