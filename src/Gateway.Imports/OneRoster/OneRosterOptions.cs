namespace Gateway.Imports;

/// <summary>The extract field a OneRoster student's key is compared with.</summary>
public enum StudentMatchKey
{
    Ssid,
    LocalStudentId,
}

/// <summary>The users.csv column that supplies a guardian's parent-portal account id.</summary>
public enum PortalAccountIdSource
{
    Username,
    SourcedId,
}

/// <summary>How slash-separated dates in a OneRoster export are read.</summary>
public enum DateOrder
{
    /// <summary>Only ISO 8601 dates (<c>yyyy-mm-dd</c>, optionally with a time) are accepted, as the standard requires.</summary>
    Iso,
    /// <summary>ISO dates, and <c>mm/dd/yyyy</c> as written by US exports.</summary>
    MonthFirst,
    /// <summary>ISO dates, and <c>dd/mm/yyyy</c> as written by some exports.</summary>
    DayFirst,
}

/// <summary>Settings for reading a OneRoster 1.1 or 1.2 CSV bundle.</summary>
public sealed record OneRosterOptions
{
    /// <summary>Whether student keys are compared with the extract's SSID or its LocalStudentID.</summary>
    public StudentMatchKey MatchOn { get; init; } = StudentMatchKey.Ssid;

    /// <summary>
    /// The <c>userIds</c> type holding the student key, such as <c>SSID</c> for
    /// <c>{SSID:1234567890}</c>. Null reads the key from the <c>identifier</c> column.
    /// </summary>
    public string? StudentKeyUserIdType { get; init; }

    public PortalAccountIdSource PortalAccountId { get; init; } = PortalAccountIdSource.Username;

    /// <summary>How to read <c>dateLastModified</c>. A date that does not fit is rejected, never guessed.</summary>
    public DateOrder DateOrder { get; init; } = DateOrder.Iso;

    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Detect;
}
