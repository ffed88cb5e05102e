namespace Gateway.Domain.Roster;

/// <summary>Maximum lengths, in UTF-16 code units, and counts of a student record's values.</summary>
public static class RosterLimits
{
    public const int MaxNameLength = 100;
    public const int MaxLocalStudentIdLength = 50;
    public const int MaxRelationshipLength = 50;
    public const int MaxMobilePhoneLength = 40;
    public const int MaxPortalAccountIdLength = 200;
    public const int MaxGuardians = 10;

    /// <summary>Maximum length of an upload's idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 128;
}
