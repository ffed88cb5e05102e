using Gateway.Domain;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Roster;

/// <summary>
/// A parent or guardian of a student. Rows are replaced whenever the student changes, so a
/// guardian's id is stable only while the student's record stays unchanged. The LEA is
/// repeated from the student so that a query on guardians alone is tenant-filtered too.
/// </summary>
public sealed class GuardianEntity : ILeaOwned
{
    public long Id { get; set; }
    public string LeaCode { get; set; } = "";
    public long StudentId { get; set; }

    /// <summary>Zero-based position in the submitted record.</summary>
    public int Ordinal { get; set; }
    public string Name { get; set; } = "";
    public string Relationship { get; set; } = "";

    /// <summary>E.164 form; empty when no number was given or it could not be parsed.</summary>
    public string MobilePhoneE164 { get; set; } = "";
    public string MobilePhoneExtension { get; set; } = "";

    /// <summary>True when the number is valid and of type mobile or fixed-line-or-mobile.</summary>
    public bool Textable { get; set; }
    public string? NotTextableReason { get; set; }
    public TextingConsent TextingConsent { get; set; }

    /// <summary>CALPADS language code, trimmed and upper-cased.</summary>
    public string PreferredLanguage { get; set; } = "";
    public string PortalAccountId { get; set; } = "";
}
