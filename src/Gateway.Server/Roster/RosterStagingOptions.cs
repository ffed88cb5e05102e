using System.ComponentModel.DataAnnotations;

namespace Gateway.Server.Roster;

/// <summary>Settings of roster staging, from the configuration section <c>RosterStaging</c>.</summary>
public sealed class RosterStagingOptions
{
    public const string SectionName = "RosterStaging";

    /// <summary>
    /// Age after which staged rows of an upload count as abandoned, because the process that
    /// staged them died, and are deleted. Default 1 hour.
    /// NOTE: the staged rows of an upload that streams for longer than this are deleted while it
    /// runs, and its merge then misses those records. Keep the age above the longest upload.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AbandonedAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often abandoned staged rows are deleted; also once at start-up. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
