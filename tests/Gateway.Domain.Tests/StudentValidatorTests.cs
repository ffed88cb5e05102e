using Gateway.Domain;
using Gateway.Domain.Roster;
using Gateway.Domain.Tenancy;

namespace Gateway.Domain.Tests;

public sealed class StudentValidatorTests
{
    private const string District = "19647330000000";
    private const string School = "19647331234567";

    private readonly StudentValidator _validator = new(CdsCode.Parse(District), new LanguageCodes(new LanguageOptions()));

    internal static StudentInput Valid(string ssid = "1234567890", params GuardianInput[] guardians) =>
        new(ssid, " L-1 ", "Ana", "", "García", "05", School, "01", guardians.Length == 0
            ? [new GuardianInput("María García", "Mother", "(415) 555-2671", TextingConsent.Yes, "SPA", "portal-1")]
            : guardians);

    private (ValidStudent? Student, List<FieldViolation> Violations) Run(StudentInput input, int index = 12)
    {
        var violations = new List<FieldViolation>();
        return (_validator.Validate(input, index, violations), violations);
    }

    [Fact]
    public void Validate_Accepts()
    {
        var (student, violations) = Run(Valid());

        Assert.Empty(violations);
        Assert.NotNull(student);
        Assert.Equal("L-1", student.LocalStudentId);
        Assert.Equal(VideoLanguage.Spanish, student.PrimaryVideoLanguage);
        Assert.Equal("+14155552671", student.Guardians[0].MobilePhone.E164);
        Assert.Equal("SPA", student.Guardians[0].PreferredLanguage);
    }

    [Theory]
    [InlineData("Zoë", "O'Brien-Núñez")]
    [InlineData("D\u2019Andre", "Smith")]
    [InlineData("Nguyễn", "Thị Minh")]
    [InlineData("美玲", "王")]
    [InlineData("Анна", "Иванова")]
    [InlineData(" Ana ", "de la Cruz")]
    public void Validate_KeepsNamesExactly(string first, string last)
    {
        var (student, violations) = Run(Valid() with { FirstName = first, LastName = last });

        Assert.Empty(violations);
        Assert.Equal(first, student!.FirstName);
        Assert.Equal(last, student.LastName);
    }

    [Fact]
    public void Validate_TrimsIdsAndCodes()
    {
        var (student, _) = Run(Valid(" 1234567890 ") with { Grade = " kn ", SchoolCdsCode = $" {School} ", PrimaryLanguageCode = " vie " });

        Assert.Equal("1234567890", student!.Ssid);
        Assert.Equal("KN", student.Grade);
        Assert.Equal(School, student.SchoolCdsCode);
        Assert.Equal("VIE", student.PrimaryLanguageCode);
    }

    public static TheoryData<StudentInput, string> Invalid() => new()
    {
        { Valid("123456789"), "students[12].ssid" },
        { Valid("12345678901"), "students[12].ssid" },
        { Valid("12345a7890"), "students[12].ssid" },
        { Valid() with { FirstName = "" }, "students[12].first_name" },
        { Valid() with { FirstName = "   " }, "students[12].first_name" },
        { Valid() with { LastName = null }, "students[12].last_name" },
        { Valid() with { LastName = "Gar\u0000cía" }, "students[12].last_name" },
        { Valid() with { MiddleName = "A\nB" }, "students[12].middle_name" },
        { Valid() with { FirstName = new string('a', RosterLimits.MaxNameLength + 1) }, "students[12].first_name" },
        { Valid() with { LocalStudentId = new string('1', RosterLimits.MaxLocalStudentIdLength + 1) }, "students[12].local_student_id" },
        { Valid() with { Grade = "13" }, "students[12].grade" },
        { Valid() with { Grade = "K" }, "students[12].grade" },
        { Valid() with { Grade = "1" }, "students[12].grade" },
        { Valid() with { SchoolCdsCode = "1964733123456" }, "students[12].school_cds_code" },
        { Valid() with { SchoolCdsCode = "01611920000000" }, "students[12].school_cds_code" },
        { Valid() with { PrimaryLanguageCode = "S1A" }, "students[12].primary_language_code" },
        { Valid() with { PrimaryLanguageCode = "1" }, "students[12].primary_language_code" },
        { Valid(guardians: new GuardianInput("Ann", "Mother", new string('5', RosterLimits.MaxMobilePhoneLength + 1), TextingConsent.Yes, "", "")), "students[12].guardians[0].mobile_phone" },
        { Valid(guardians: new GuardianInput("Ann", "Mother", "415\u0007555", TextingConsent.Yes, "", "")), "students[12].guardians[0].mobile_phone" },
        { Valid(guardians: new GuardianInput("Ann", "Mother", "", TextingConsent.Yes, "SP A", "")), "students[12].guardians[0].preferred_language" },
        { Valid(guardians: new GuardianInput("Ann", "Mother", "", (TextingConsent)7, "", "")), "students[12].guardians[0].texting_consent" },
        { Valid(guardians: new GuardianInput("", "", "", TextingConsent.Unknown, "", "")), "students[12].guardians[0]" },
        { Valid(guardians: [.. Enumerable.Repeat(new GuardianInput("Ann", "", "", TextingConsent.Unknown, "", ""), RosterLimits.MaxGuardians + 1)]), "students[12].guardians" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Rejects(StudentInput input, string field)
    {
        var (student, violations) = Run(input);

        Assert.Null(student);
        var violation = Assert.Single(violations);
        Assert.Equal(field, violation.Field);
    }

    [Fact]
    public void Validate_ListsEveryViolation()
    {
        var input = Valid("x", new GuardianInput("Ann", "Mother", "", TextingConsent.Yes, "S P", ""), new GuardianInput("Bob", "Father", "", TextingConsent.Yes, "", "\u0001"))
            with { FirstName = "", Grade = "" };

        var (student, violations) = Run(input, index: 3);

        Assert.Null(student);
        Assert.Equal(
            ["students[3].ssid", "students[3].first_name", "students[3].grade", "students[3].guardians[0].preferred_language", "students[3].guardians[1].portal_account_id"],
            violations.Select(v => v.Field));
    }

    [Fact]
    public void Validate_CharterOwnsOnlyItself()
    {
        var charter = new StudentValidator(CdsCode.Parse(School), new LanguageCodes(new LanguageOptions()));
        var violations = new List<FieldViolation>();

        Assert.NotNull(charter.Validate(Valid(), 0, violations));
        Assert.Null(charter.Validate(Valid() with { SchoolCdsCode = "19647337654321" }, 1, violations));
        Assert.Equal("students[1].school_cds_code", Assert.Single(violations).Field);
    }

    [Fact]
    public void Validate_KeepsUntextableGuardian()
    {
        var (student, violations) = Run(Valid(guardians: new GuardianInput("Ann", "Mother", "800-555-0199", TextingConsent.Yes, "", "")));

        Assert.Empty(violations);
        Assert.False(student!.Guardians[0].MobilePhone.Textable);
        Assert.Equal("toll-free number", student.Guardians[0].MobilePhone.NotTextableReason);
    }
}

public sealed class StudentFingerprintTests
{
    [Fact]
    public void Fingerprint_EqualForEqualStudents()
    {
        var validator = new StudentValidator(CdsCode.Parse("19647330000000"), new LanguageCodes(new LanguageOptions()));
        var violations = new List<FieldViolation>();
        var first = validator.Validate(StudentValidatorTests.Valid(), 0, violations)!;
        var second = validator.Validate(StudentValidatorTests.Valid() with { Grade = " 05 " }, 1, violations)!;
        var renamed = validator.Validate(StudentValidatorTests.Valid() with { FirstName = "Anа" }, 2, violations)!;
        var shifted = first with { FirstName = "AnaG", LastName = "arcía" };

        Assert.Empty(violations);
        Assert.Equal(64, StudentFingerprint.Compute(first).Length);
        Assert.Equal(StudentFingerprint.Compute(first), StudentFingerprint.Compute(second));
        Assert.NotEqual(StudentFingerprint.Compute(first), StudentFingerprint.Compute(renamed));
        Assert.NotEqual(StudentFingerprint.Compute(first), StudentFingerprint.Compute(shifted));
    }
}
