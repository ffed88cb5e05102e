using Gateway.Domain;
using Gateway.Storage.Tenancy;

namespace Gateway.Storage.Roster;

/// <summary>
/// A student on an administration's roster; unique per (LEA, school year, assessment, SSID).
/// Ids and codes are stored trimmed, names exactly as submitted.
/// </summary>
public sealed class StudentEntity : ILeaOwned
{
    public long Id { get; set; }
    public string LeaCode { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public Assessment Assessment { get; set; }
    public string Ssid { get; set; } = "";
    public string LocalStudentId { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string MiddleName { get; set; } = "";
    public string LastName { get; set; } = "";

    /// <summary>"TK", "KN" or "01" to "12".</summary>
    public string Grade { get; set; } = "";
    public string SchoolCdsCode { get; set; } = "";

    /// <summary>CALPADS code as submitted, trimmed and upper-cased; empty when none was given.</summary>
    public string PrimaryLanguageCode { get; set; } = "";

    /// <summary>
    /// Language of the set's second video; <see cref="VideoLanguage.English"/> when the set is
    /// English only, which includes a language that was not offered when the student was uploaded.
    /// </summary>
    public VideoLanguage PrimaryVideoLanguage { get; set; }

    /// <summary>Guardians in submitted order (<see cref="GuardianEntity.Ordinal"/>).</summary>
    public List<GuardianEntity> Guardians { get; set; } = [];

    /// <summary>Time of the upload that last inserted or changed the student.</summary>
    public DateTimeOffset UpdateTime { get; set; }

    /// <summary>Fingerprint of every stored value (see <c>StudentFingerprint</c>); equal fingerprints mean an unchanged record.</summary>
    public string ContentHash { get; set; } = "";
}
