namespace Gateway.Domain.Roster;

/// <summary>A student record as submitted, before validation. Null strings count as empty.</summary>
public sealed record StudentInput(
    string? Ssid,
    string? LocalStudentId,
    string? FirstName,
    string? MiddleName,
    string? LastName,
    string? Grade,
    string? SchoolCdsCode,
    string? PrimaryLanguageCode,
    IReadOnlyList<GuardianInput> Guardians);

/// <summary>A guardian as submitted, before validation.</summary>
public sealed record GuardianInput(
    string? Name,
    string? Relationship,
    string? MobilePhone,
    TextingConsent TextingConsent,
    string? PreferredLanguage,
    string? PortalAccountId);

/// <summary>A student that passed validation, with trimmed ids and codes and derived values.</summary>
public sealed record ValidStudent(
    string Ssid,
    string LocalStudentId,
    string FirstName,
    string MiddleName,
    string LastName,
    string Grade,
    string SchoolCdsCode,
    string PrimaryLanguageCode,
    VideoLanguage PrimaryVideoLanguage,
    IReadOnlyList<ValidGuardian> Guardians);

/// <summary>A guardian that passed validation; the mobile number is parsed.</summary>
public sealed record ValidGuardian(
    string Name,
    string Relationship,
    MobilePhone MobilePhone,
    TextingConsent TextingConsent,
    string PreferredLanguage,
    string PortalAccountId);

/// <summary>One problem with a submitted value: the field path and what is wrong.</summary>
public sealed record FieldViolation(string Field, string Description);
