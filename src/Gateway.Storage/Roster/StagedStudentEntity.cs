using Gateway.Domain;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Roster;

/// <summary>
/// A validated record of an upload in progress. Records wait here until the upload ends and are
/// then merged into the roster in one transaction. Rows with <see cref="Rejected"/> set carry
/// only the SSID, so that duplicate detection also counts records rejected for other reasons.
/// </summary>
public sealed class StagedStudentEntity : ILeaOwned
{
    public string UploadId { get; set; } = "";
    public string LeaCode { get; set; } = "";
    public int RecordIndex { get; set; }
    public bool Rejected { get; set; }
    public string Ssid { get; set; } = "";
    public string LocalStudentId { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string MiddleName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Grade { get; set; } = "";
    public string SchoolCdsCode { get; set; } = "";
    public string PrimaryLanguageCode { get; set; } = "";
    public VideoLanguage PrimaryVideoLanguage { get; set; }
    public string ContentHash { get; set; } = "";

    /// <summary>When the row was staged; rows of an upload that never ended are removed after a while.</summary>
    public DateTimeOffset StageTime { get; set; }
}

/// <summary>A guardian of a <see cref="StagedStudentEntity"/>, keyed by upload, record index and ordinal.</summary>
public sealed class StagedGuardianEntity : ILeaOwned
{
    public string UploadId { get; set; } = "";
    public string LeaCode { get; set; } = "";
    public int RecordIndex { get; set; }
    public int Ordinal { get; set; }
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";
    public string MobilePhoneE164 { get; set; } = "";
    public string MobilePhoneExtension { get; set; } = "";
    public bool Textable { get; set; }
    public string? NotTextableReason { get; set; }
    public TextingConsent TextingConsent { get; set; }
    public string PreferredLanguage { get; set; } = "";
    public string PortalAccountId { get; set; } = "";
}
