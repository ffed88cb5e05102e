namespace Gateway.Domain.Feed;

/// <summary>What happened to a student's video link in one language.</summary>
public enum LinkChangeType
{
    /// <summary>A first link for the student and language.</summary>
    Available = 1,

    /// <summary>A new URL replaced an earlier one.</summary>
    Replaced = 2,

    /// <summary>The link was withdrawn.</summary>
    Revoked = 3,
}
