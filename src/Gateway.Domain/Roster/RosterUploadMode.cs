namespace Gateway.Domain.Roster;

/// <summary>How an upload changes an administration's roster.</summary>
public enum RosterUploadMode
{
    /// <summary>Replaces the whole roster: students the upload does not list are removed.</summary>
    Full = 1,

    /// <summary>Inserts new students and updates the listed ones; others stay.</summary>
    Delta = 2,
}
