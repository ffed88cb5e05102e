using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Feed;

/// <summary>
/// Per-LEA feed counter (table <c>lea_feed_counter</c>). Writers update it inside their write
/// transaction, so its row lock orders the LEA's commits; see <see cref="LinkFeedSequencer"/>.
/// </summary>
public sealed class LeaFeedCounterEntity : ILeaOwned
{
    public string LeaCode { get; set; } = "";

    /// <summary>Highest sequence number committed; 0 before the first update.</summary>
    public long LastSequence { get; set; }

    /// <summary>Highest sequence number removed from history by pruning; 0 when none was.</summary>
    public long PrunedThroughSequence { get; set; }
}
