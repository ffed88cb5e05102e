namespace Gateway.Imports.Tests;

public class ContactsCsvTests
{
    private const string Contacts = "contacts-ugly.csv";
    private const string Extract = "elpac-ugly.txt";

    private static (List<StudentRecord> Records, ImportSummary Summary) ImportUgly() =>
        Fixtures.Import(Extract, ContactsCsvReader.Read(Fixtures.Source(Contacts)));

    [Fact]
    public void TwoGuardians_ShareOneMobile()
    {
        var (records, summary) = ImportUgly();

        var student = records.Single(record => record.Ssid == "1000000401");
        Assert.Equal(2, student.Guardians.Count);

        var mother = student.Guardians[0];
        Assert.Equal("Máire O'Connor", mother.Name);
        Assert.Equal("Mother", mother.Relationship);
        Assert.Equal("(559) 555-0101", mother.MobilePhone);
        Assert.Equal(TextingConsent.Yes, mother.TextingConsent);
        Assert.Equal("SPA", mother.PreferredLanguage);
        Assert.Equal("portal-401", mother.PortalAccountId);
        Assert.Equal(new SourceLocation(Contacts, 2), mother.Source);

        var father = student.Guardians[1];
        Assert.Equal("Seán O’Connor", father.Name);
        Assert.Equal("(559) 555-0101", father.MobilePhone);
        Assert.Equal(TextingConsent.No, father.TextingConsent);
        Assert.Null(father.PreferredLanguage);

        Assert.Equal(1, summary.StudentsWithSharedMobile);
    }

    [Fact]
    public void LocalIdRow_JoinsByLocalStudentId()
    {
        var (records, _) = ImportUgly();

        var guardian = Assert.Single(records.Single(record => record.Ssid == "1000000402").Guardians);
        Assert.Equal("Élodie D’Angelo, PhD", guardian.Name);
        Assert.Equal("Guardian", guardian.Relationship);
        Assert.Equal("559-555-0102", guardian.MobilePhone);
        Assert.Equal(TextingConsent.Yes, guardian.TextingConsent);
        Assert.Equal("FRA", guardian.PreferredLanguage);
        Assert.Null(guardian.PortalAccountId);
    }

    [Fact]
    public void QuotedLineBreak_KeepsRowIntact()
    {
        var (records, summary) = ImportUgly();

        var guardian = Assert.Single(records.Single(record => record.Ssid == "1000000403").Guardians);
        Assert.Equal("Trần Văn Hùng", guardian.Name);
        Assert.Equal("+1 559 555 0103", guardian.MobilePhone);
        Assert.Equal(TextingConsent.Unknown, guardian.TextingConsent);
        Assert.Equal("VIE", guardian.PreferredLanguage);
        Assert.Equal(5, guardian.Source.Line);

        // The quoted notes field spans lines 5 and 6, so the next row starts on line 7.
        Assert.Equal(RejectionReason.StudentRejectedInExtract, Fixtures.RejectionAt(summary, Contacts, 7).Reason);
    }

    [Fact]
    public void BadRows_RejectedWithReasons()
    {
        var (records, summary) = ImportUgly();

        var duplicate = Fixtures.RejectionAt(summary, Contacts, 7);
        Assert.Contains("elpac-ugly.txt:8 was rejected", duplicate.Message);
        Assert.Contains("SSID 1000000404", duplicate.Message);

        Assert.Equal(RejectionReason.StudentNotInExtract, Fixtures.RejectionAt(summary, Contacts, 8).Reason);

        var consent = Fixtures.RejectionAt(summary, Contacts, 9);
        Assert.Equal(RejectionReason.InvalidValue, consent.Reason);
        Assert.Contains("texting_consent 'maybe'", consent.Message);
        Assert.Empty(records.Single(record => record.Ssid == "1000000405").Guardians);

        Assert.Equal(RejectionReason.InvalidSsid, Fixtures.RejectionAt(summary, Contacts, 10).Reason);
        Assert.Equal(RejectionReason.MissingValue, Fixtures.RejectionAt(summary, Contacts, 12).Reason);
    }

    [Fact]
    public void Summary_CountsEveryContactRow()
    {
        var (_, summary) = ImportUgly();

        var file = summary[Contacts]!;
        Assert.Equal(9, file.DataRows);
        Assert.Equal(1, file.BlankLines);
        Assert.Equal(4, file.Merged);
        Assert.Equal(5, file.Rejected);
        Assert.Equal(["notes"], file.UnknownColumns);
        Assert.Equal(1, summary.StudentsWithoutGuardians);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void RejectionMessages_OmitNamesAndPhones()
    {
        var (_, summary) = ImportUgly();

        foreach (var rejection in summary.Rejections)
        {
            Assert.DoesNotContain("555", rejection.Message);
            Assert.DoesNotContain("Example", rejection.Message);
            Assert.DoesNotContain("حداد", rejection.Message);
        }
    }

    [Fact]
    public void Windows1252Contacts_DecodeCurlyApostrophe()
    {
        var contacts = "ssid,guardian_name,relationship,mobile_phone,texting_consent\r\n" +
            "1000000501,Zoë D’Souza,Mother,5595550140,yes\r\n";
        var extract = "RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CALPADSPrimaryLanguage\n" +
            "01^1000000501^D’Souza^Renée^04^19647336000001^01\n";
        var book = ContactsCsvReader.Read(ImportSource.FromBytes("contacts.csv", Fixtures.Windows1252(contacts)));

        var (records, summary) = Fixtures.Import(ImportSource.FromBytes("extract.txt", System.Text.Encoding.UTF8.GetBytes(extract)), book);

        var guardian = Assert.Single(Assert.Single(records).Guardians);
        Assert.Equal("Zoë D’Souza", guardian.Name);
        Assert.Equal("windows-1252", summary["contacts.csv"]!.Encoding);
        Assert.Equal("utf-8", summary["extract.txt"]!.Encoding);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void MissingKeyColumns_ThrowFormatError()
    {
        var bytes = "guardian_name,mobile_phone\nPat,5595550150\n"u8.ToArray();

        var error = Assert.Throws<ImportFormatException>(() => ContactsCsvReader.Read(ImportSource.FromBytes("c.csv", bytes)));

        Assert.Contains("ssid", error.Message);
        Assert.Contains("local_student_id", error.Message);
    }

    [Theory]
    [InlineData("yes", TextingConsent.Yes)]
    [InlineData(" Y ", TextingConsent.Yes)]
    [InlineData("TRUE", TextingConsent.Yes)]
    [InlineData("no", TextingConsent.No)]
    [InlineData("0", TextingConsent.No)]
    [InlineData("", TextingConsent.Unknown)]
    [InlineData("Unknown", TextingConsent.Unknown)]
    [InlineData("maybe", null)]
    public void ParseConsent_AcceptsYesNoUnknown(string text, TextingConsent? expected)
    {
        Assert.Equal(expected, ContactsCsvReader.ParseConsent(text));
    }
}
