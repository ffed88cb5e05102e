namespace Gateway.Imports;

/// <summary>OneRoster CSV column names with the misspellings and renamings seen in SIS exports.</summary>
internal static class OneRosterColumns
{
    public const string SourcedId = "sourcedId";
    public const string Status = "status";
    public const string DateLastModified = "dateLastModified";
    public const string Role = "role";
    public const string Username = "username";
    public const string UserIds = "userIds";
    public const string GivenName = "givenName";
    public const string FamilyName = "familyName";
    public const string MiddleName = "middleName";
    public const string Identifier = "identifier";
    public const string Sms = "sms";
    public const string Phone = "phone";
    public const string AgentSourcedIds = "agentSourcedIds";
    public const string PreferredLanguage = "preferredLanguage";
    public const string UserSourcedId = "userSourcedId";
    public const string RoleType = "roleType";

    public static readonly IReadOnlyDictionary<string, string[]> Users = new Dictionary<string, string[]>
    {
        [SourcedId] = ["sourceId", "sourcedIds", "sourceIdentifier", "sourcdId"],
        [Status] = [],
        [DateLastModified] = ["dateLastModifed", "lastModified", "dateModified"],
        [Role] = ["userRole"],
        [Username] = ["userName", "usrname", "loginId"],
        [UserIds] = ["userId", "userIdentifiers"],
        [GivenName] = ["firstName", "givenNmae", "giveName"],
        [FamilyName] = ["lastName", "surname", "familyNmae", "familName"],
        [MiddleName] = ["middleNames"],
        [Identifier] = ["identifer", "idenitifer", "studentIdentifier"],
        [Sms] = ["smsNumber", "mobile", "mobilePhone", "cellPhone"],
        [Phone] = ["phoneNumber", "telephone"],
        [AgentSourcedIds] = ["agents", "agentSourceIds", "agentSourcedId", "agentIds"],
        [PreferredLanguage] = ["preferredLanguages", "primaryLanguage", "metadata.preferredLanguage"],
        ["enabledUser"] = [],
        ["orgSourcedIds"] = ["orgSourceIds", "orgSourcedId"],
        ["email"] = ["emailAddress"],
        ["grades"] = ["grade"],
        ["password"] = [],
        ["userMasterIdentifier"] = [],
        ["resourceSourcedIds"] = [],
        ["preferredGivenName"] = ["preferredFirstName"],
        ["preferredMiddleName"] = [],
        ["preferredFamilyName"] = ["preferredLastName"],
        ["primaryOrgSourcedId"] = [],
        ["pronouns"] = [],
    };

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [SourcedId] = ["sourceId"],
        [Status] = [],
        [DateLastModified] = ["dateLastModifed"],
        [UserSourcedId] = ["userSourceId"],
        [Role] = [],
        [RoleType] = [],
        ["orgSourcedId"] = ["orgSourceId"],
        ["userProfileSourcedId"] = [],
        ["beginDate"] = [],
        ["endDate"] = [],
    };

    /// <summary>Columns of files read only for their status and accounting (orgs.csv, demographics.csv).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> StatusOnly = new Dictionary<string, string[]>
    {
        [SourcedId] = ["sourceId"],
        [Status] = [],
        [DateLastModified] = ["dateLastModifed"],
    };

    /// <summary>Extension columns, which OneRoster prefixes with <c>metadata.</c>, are never unknown.</summary>
    public static bool IsExtension(string normalizedName) => normalizedName.StartsWith("metadata.", StringComparison.Ordinal);
}
