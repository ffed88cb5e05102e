using System.Globalization;
using Gateway.Storage.Roster;
using SsrGateway.V1;

namespace Gateway.Bench;

/// <summary>
/// Invented students for roster uploads, each with one guardian. Student <c>i</c> is the same
/// on every call, so a second upload of the same count changes nothing.
/// </summary>
internal static class SyntheticRoster
{
    public const string LeaCode = "19647330000000";
    public const string SchoolYear = "2025-26";

    private const long FirstSsid = 1_900_000_000;
    private const int SchoolCount = 40;

    private static readonly string[] Grades = ["KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
    private static readonly string[] GivenNames = ["Sofia", "Mateo", "Lucia", "Minh", "Ngoc Anh", "Wei", "Mei", "Paolo", "Maria Clara", "Omar", "Ava", "Liam"];
    private static readonly string[] FamilyNames = ["Garcia", "Hernandez", "Nguyen", "Tran", "Chen", "Wang", "Santos", "Reyes", "Hassan", "Miller", "Lopez", "Pham"];
    private static readonly string[] LanguageCodes = ["01", "SPA", "VIE", "CMN", "FIL", "YUE", "ARA", "ENG"];
    private static readonly string[] Relationships = ["Mother", "Father", "Guardian", "Grandmother"];

    /// <summary>The administration every synthetic student belongs to.</summary>
    public static Administration Administration => new() { SchoolYear = SchoolYear, Assessment = Assessment.SummativeElpac };

    /// <summary>Returns student number <paramref name="index"/> as an SIS would send it.</summary>
    public static StudentRecord Student(int index)
    {
        var ssid = (FirstSsid + index).ToString(CultureInfo.InvariantCulture);
        var family = FamilyNames[index % FamilyNames.Length];
        return new StudentRecord
        {
            Ssid = ssid,
            LocalStudentId = "S" + (200_000 + index).ToString(CultureInfo.InvariantCulture),
            FirstName = GivenNames[index * 7 % GivenNames.Length],
            LastName = family,
            Grade = Grades[index % Grades.Length],
            SchoolCdsCode = SchoolCode(index),
            PrimaryLanguageCode = LanguageCodes[index % LanguageCodes.Length],
            Guardians =
            {
                new GuardianRecord
                {
                    Name = GivenNames[(index + 5) % GivenNames.Length] + " " + family,
                    Relationship = Relationships[index % Relationships.Length],
                    MobilePhone = MobilePhone(index),
                    TextingConsent = index % 9 == 4 ? TextingConsent.No : TextingConsent.Yes,
                    PreferredLanguage = LanguageCodes[index % LanguageCodes.Length],
                    PortalAccountId = "portal-" + ssid,
                },
            },
        };
    }

    /// <summary>Returns batches of <paramref name="batchSize"/> students, built only when enumerated.</summary>
    public static IEnumerable<StudentBatch> Batches(int students, int batchSize)
    {
        for (var first = 0; first < students; first += batchSize)
        {
            var batch = new StudentBatch();
            for (var index = first; index < Math.Min(first + batchSize, students); index++)
            {
                batch.Students.Add(Student(index));
            }

            yield return batch;
        }
    }

    /// <summary>
    /// Returns student <paramref name="index"/> as the stored entity, with the values taken as
    /// submitted: no validation, phone parsing or language resolution.
    /// </summary>
    public static StudentEntity Entity(int index, string schoolYear, DateTimeOffset now)
    {
        var record = Student(index);
        var guardian = record.Guardians[0];
        return new StudentEntity
        {
            LeaCode = LeaCode,
            SchoolYear = schoolYear,
            Assessment = Domain.Assessment.SummativeElpac,
            Ssid = record.Ssid,
            LocalStudentId = record.LocalStudentId,
            FirstName = record.FirstName,
            LastName = record.LastName,
            Grade = record.Grade,
            SchoolCdsCode = record.SchoolCdsCode,
            PrimaryLanguageCode = record.PrimaryLanguageCode,
            PrimaryVideoLanguage = Domain.VideoLanguage.English,
            UpdateTime = now,
            ContentHash = record.Ssid,
            Guardians =
            [
                new GuardianEntity
                {
                    LeaCode = LeaCode,
                    Ordinal = 0,
                    Name = guardian.Name,
                    Relationship = guardian.Relationship,
                    MobilePhoneE164 = "+1" + new string(guardian.MobilePhone.Where(char.IsAsciiDigit).ToArray()),
                    Textable = true,
                    TextingConsent = Domain.TextingConsent.Yes,
                    PreferredLanguage = guardian.PreferredLanguage,
                    PortalAccountId = guardian.PortalAccountId,
                },
            ],
        };
    }

    private static string SchoolCode(int index) =>
        "1964733" + (6_000_001 + index % SchoolCount).ToString(CultureInfo.InvariantCulture);

    // Valid-format numbers in the 415 area code, so phone parsing takes its full path. Nothing is sent to them.
    private static string MobilePhone(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"(415) {200 + index / 10_000 % 800:D3}-{index % 10_000:D4}");
}
