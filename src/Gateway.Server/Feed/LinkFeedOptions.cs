using System.ComponentModel.DataAnnotations;

namespace Gateway.Server.Feed;

/// <summary>Settings of the link feed, from the configuration section <c>LinkFeed</c>.</summary>
public sealed class LinkFeedOptions
{
    public const string SectionName = "LinkFeed";

    /// <summary>
    /// How long an idle watch waits before it sends a heartbeat with the latest position. It is also
    /// the longest delay before a watch rereads the database without a wake-up. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long feed history is kept. A resume token older than this gets FAILED_PRECONDITION
    /// RESUME_TOKEN_EXPIRED. The current state of every link is kept for snapshots. Default 90 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often history older than <see cref="Retention"/> is deleted. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Updates read from the database per query. Default 200.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 200;

    /// <summary>
    /// Base64 key of at least 32 bytes that signs resume tokens; replicas must share it. When
    /// empty, a random key is created once and stored in the database.
    /// </summary>
    public string ResumeTokenKey { get; set; } = "";
}
