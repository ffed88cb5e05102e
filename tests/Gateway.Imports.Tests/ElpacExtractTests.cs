namespace Gateway.Imports.Tests;

public class ElpacExtractTests
{
    private const string Current = "elpac-2023-24-caret.txt";

    [Fact]
    public void CurrentLayout_ParsesExactValues()
    {
        var (records, summary) = Fixtures.Import(Current);

        Assert.Equal(["1000000001", "1000000002", "1000000003", "1000000007", "1000000008"], records.Select(record => record.Ssid));

        var jose = records[0];
        Assert.Equal("50001", jose.LocalStudentId);
        Assert.Equal("José", jose.FirstName);
        Assert.Equal("Luis", jose.MiddleName);
        Assert.Equal("García", jose.LastName);
        Assert.Equal("03", jose.Grade);
        Assert.Equal("19647330000000", jose.DistrictCode.Value);
        Assert.Equal("19647336000001", jose.SchoolCode.Value);
        Assert.Equal("Sunrise Elementary", jose.SchoolName);
        Assert.Equal(new LanguageChoice("SPA", LanguageColumn.CalpadsPrimaryLanguage), jose.PrimaryLanguage);
        Assert.Equal(ElpacAssessment.SummativeElpac, jose.Assessment);
        Assert.Equal(new DateOnly(2024, 6, 14), jose.SsrAvailableDate);
        Assert.Equal("T", jose.TestedStatus);
        Assert.Equal("EL", jose.ElStatus);
        Assert.Equal(new SourceLocation(Current, 2), jose.Source);
        Assert.Empty(jose.Guardians);

        Assert.Equal("王", records[1].LastName);
        Assert.Equal("小明", records[1].FirstName);
        Assert.Null(records[1].MiddleName);
        Assert.Equal("KN", records[1].Grade);
        Assert.Equal(new LanguageChoice("CMN", LanguageColumn.CedsLanguageCode), records[1].PrimaryLanguage);

        Assert.Equal(ElpacAssessment.InitialElpac, records[2].Assessment);
        Assert.Equal(new LanguageChoice("VIE", LanguageColumn.CedsLanguageCode), records[2].PrimaryLanguage);
        Assert.Null(records[2].SsrAvailableDate);
        Assert.Equal("Thị", records[2].MiddleName);

        Assert.Equal("محمد", records[3].FirstName);
        Assert.Equal("العلي", records[3].LastName);
        Assert.Equal(new LanguageChoice("ARA", LanguageColumn.CalpadsPrimaryLanguage), records[3].PrimaryLanguage);
        Assert.Equal("TK", records[4].Grade);
        Assert.Equal("ENG", records[4].PrimaryLanguage.Code);

        var file = summary[Current]!;
        Assert.Equal(9, file.DataRows);
        Assert.Equal(5, file.Imported);
        Assert.Equal(4, file.Rejected);
        Assert.Equal('^', file.Delimiter);
        Assert.Equal("utf-8", file.Encoding);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void CurrentLayout_RejectsWithReasons()
    {
        var (_, summary) = Fixtures.Import(Current);

        var notEligible = Fixtures.RejectionAt(summary, Current, 5);
        Assert.Equal(RejectionReason.NotSsrEligible, notEligible.Reason);

        var badSsid = Fixtures.RejectionAt(summary, Current, 6);
        Assert.Equal(RejectionReason.InvalidSsid, badSsid.Reason);
        Assert.Contains("'10000005'", badSsid.Message);

        var truncated = Fixtures.RejectionAt(summary, Current, 7);
        Assert.Equal(RejectionReason.TruncatedRow, truncated.Reason);
        Assert.Contains("EndofRecord is ''", truncated.Message);

        var unknownType = Fixtures.RejectionAt(summary, Current, 8);
        Assert.Equal(RejectionReason.UnknownRecordType, unknownType.Reason);
        Assert.Contains("'09'", unknownType.Message);
    }

    [Fact]
    public void CurrentLayout_CountsLanguageColumns()
    {
        var (_, summary) = Fixtures.Import(Current);

        Assert.Equal(3, summary.LanguageColumnCounts[LanguageColumn.CalpadsPrimaryLanguage]);
        Assert.Equal(2, summary.LanguageColumnCounts[LanguageColumn.CedsLanguageCode]);
        Assert.False(summary.LanguageColumnCounts.ContainsKey(LanguageColumn.PrimaryLanguageForTesting));
    }

    [Fact]
    public void CommaLayout2018_ReadsLegacyCodes()
    {
        const string name = "elpac-2018-19-comma.txt";
        var (records, summary) = Fixtures.Import(name);

        Assert.Equal(3, records.Count);
        Assert.Equal("Sunrise Elementary, North Campus", records[0].SchoolName);
        Assert.Equal(new LanguageChoice("01", LanguageColumn.CalpadsPrimaryLanguage), records[0].PrimaryLanguage);
        Assert.Equal("Martínez", records[0].LastName);
        Assert.Equal("L101", records[0].LocalStudentId);
        Assert.Null(records[0].SsrAvailableDate);

        Assert.Equal("05", records[1].Grade);
        Assert.Equal("02", records[1].PrimaryLanguage.Code);
        Assert.Equal("19647336000002", records[1].SchoolCode.Value);

        Assert.Equal("07", records[2].PrimaryLanguage.Code);
        Assert.Equal("KN", records[2].Grade);

        Assert.Equal(RejectionReason.NotSsrEligible, Fixtures.RejectionAt(summary, name, 5).Reason);
        var badGrade = Fixtures.RejectionAt(summary, name, 6);
        Assert.Equal(RejectionReason.InvalidValue, badGrade.Reason);
        Assert.Contains("GradeAssessed '13'", badGrade.Message);
        Assert.Equal(',', summary[name]!.Delimiter);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void SpacedHeader2021_MatchesColumnsByName()
    {
        const string name = "elpac-2021-22-caret-legacy.txt";
        var (records, summary) = Fixtures.Import(name);

        Assert.Equal(["1000000201", "1000000202", "1000000203"], records.Select(record => record.Ssid));
        Assert.Equal(new LanguageChoice("05", LanguageColumn.CalpadsPrimaryLanguage), records[0].PrimaryLanguage);
        Assert.Equal(new LanguageChoice("03", LanguageColumn.PrimaryLanguageForTesting), records[1].PrimaryLanguage);
        Assert.Equal(new LanguageChoice(null, LanguageColumn.None), records[2].PrimaryLanguage);
        Assert.Equal(new DateOnly(2022, 6, 10), records[0].SsrAvailableDate);
        Assert.Equal("Valley Oak Elementary", records[0].SchoolName);

        var badDate = Fixtures.RejectionAt(summary, name, 5);
        Assert.Equal(RejectionReason.InvalidValue, badDate.Reason);
        Assert.Contains("SSRAvailableDate '06/14/2022'", badDate.Message);
        Assert.Equal(1, summary.LanguageColumnCounts[LanguageColumn.None]);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void MixedAssessments_RejectsAlternateAsNotOffered()
    {
        const string name = "elpac-mixed-alternate.txt";
        var (records, summary) = Fixtures.Import(name);

        Assert.Equal(
            [("1000000301", ElpacAssessment.SummativeElpac), ("1000000303", ElpacAssessment.InitialElpac)],
            records.Select(record => (record.Ssid, record.Assessment)));

        foreach (var line in new[] { 3, 5, 6 })
        {
            var rejection = Fixtures.RejectionAt(summary, name, line);
            Assert.Equal(RejectionReason.AssessmentNotOffered, rejection.Reason);
            Assert.StartsWith("not eligible", rejection.Message);
        }

        Assert.Contains("SummativeAlternateElpac", Fixtures.RejectionAt(summary, name, 3).Message);
        Assert.Contains("InitialAlternateElpac", Fixtures.RejectionAt(summary, name, 5).Message);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void RecordTypeMap_ComesFromOptions()
    {
        var options = new ElpacExtractOptions
        {
            RecordTypes = new Dictionary<string, ElpacAssessment>(StringComparer.OrdinalIgnoreCase)
            {
                ["01"] = ElpacAssessment.SummativeElpac,
                ["02"] = ElpacAssessment.SummativeElpac,
            },
        };

        var (records, summary) = Fixtures.Import("elpac-mixed-alternate.txt", options: options);

        Assert.Equal(["1000000301", "1000000302", "1000000305"], records.Select(record => record.Ssid));
        Assert.Equal(RejectionReason.UnknownRecordType, Fixtures.RejectionAt(summary, "elpac-mixed-alternate.txt", 4).Reason);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void UglyFile_KeepsNamesAndTrimsCodes()
    {
        const string name = "elpac-ugly.txt";
        var (records, summary) = Fixtures.Import(name);

        Assert.Equal(["1000000401", "1000000402", "1000000403", "1000000405"], records.Select(record => record.Ssid));

        Assert.Equal("70401", records[0].LocalStudentId);
        Assert.Equal("O'Connor", records[0].LastName);
        Assert.Equal("Siobhán", records[0].FirstName);
        Assert.Equal("19647336000001", records[0].SchoolCode.Value);
        Assert.Equal("SPA", records[0].PrimaryLanguage.Code);
        Assert.Equal(3, records[0].Source.Line);

        Assert.Equal("D’Angelo", records[1].LastName);
        Assert.Equal("Marie-Claire", records[1].FirstName);
        Assert.Equal("Anne  Sophie", records[1].MiddleName);
        Assert.Equal("Lincoln \"Lions\" Academy ^ East", records[1].SchoolName);

        Assert.Equal("Trần", records[2].LastName);
        Assert.Equal("Thị Hồng", records[2].FirstName);
        Assert.Equal("Harbor View\r\nAnnex", records[2].SchoolName);
        Assert.Equal(5, records[2].Source.Line);

        Assert.Equal("حداد", records[3].LastName);
        Assert.Equal("ليلى", records[3].FirstName);
        Assert.Equal(10, records[3].Source.Line);

        var file = summary[name]!;
        Assert.Equal(6, file.DataRows);
        Assert.Equal(3, file.BlankLines);
        Assert.Equal("utf-8", file.Encoding);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void DuplicateSsid_RejectsBothRows()
    {
        const string name = "elpac-ugly.txt";
        var (records, summary) = Fixtures.Import(name);

        Assert.DoesNotContain(records, record => record.Ssid == "1000000404");
        Assert.Equal(1, summary.DuplicateSsids);

        var first = Fixtures.RejectionAt(summary, name, 8);
        var second = Fixtures.RejectionAt(summary, name, 9);
        Assert.Equal(RejectionReason.DuplicateSsid, first.Reason);
        Assert.Equal(RejectionReason.DuplicateSsid, second.Reason);
        Assert.Contains("line 9", first.Message);
        Assert.Contains("line 8", second.Message);
        Assert.DoesNotContain("陈", first.Message);
    }

    [Fact]
    public void DuplicateSsid_ThreeRowsNameEachOther()
    {
        var text = "RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CALPADSPrimaryLanguage\n" +
            "01^1000000601^Doe^Ana^04^19647336000001^SPA\n" +
            "01^1000000602^Roe^Ben^04^19647336000001^SPA\n" +
            "01^1000000601^Doe^Ana^05^19647336000002^SPA\n" +
            "01^1000000601^Doe^Ana^04^19647336000003^SPA\n";
        var source = ImportSource.FromBytes("triple.txt", System.Text.Encoding.UTF8.GetBytes(text));

        var (records, summary) = Fixtures.Import(source);

        Assert.Equal("1000000602", Assert.Single(records).Ssid);
        Assert.Equal(1, summary.DuplicateSsids);
        var second = Fixtures.RejectionAt(summary, "triple.txt", 2);
        var fourth = Fixtures.RejectionAt(summary, "triple.txt", 4);
        var fifth = Fixtures.RejectionAt(summary, "triple.txt", 5);
        Assert.Equal(RejectionReason.DuplicateSsid, second.Reason);
        Assert.Equal(RejectionReason.DuplicateSsid, fourth.Reason);
        Assert.Equal(RejectionReason.DuplicateSsid, fifth.Reason);
        Assert.Contains("SSID 1000000601 also appears on line 4, 5;", second.Message);
        Assert.Contains("SSID 1000000601 also appears on line 2, 5;", fourth.Message);
        Assert.Contains("SSID 1000000601 also appears on line 2, 4;", fifth.Message);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void MissingColumns_ThrowNamingThem()
    {
        var bytes = "RecordType^SSID^StudentLastName\n01^1000000001^Doe\n"u8.ToArray();

        var import = new StudentImport(ImportSource.FromBytes("short.txt", bytes));
        var error = Assert.Throws<ImportFormatException>(() => import.ReadRecords().ToList());

        Assert.Equal("short.txt", error.File);
        Assert.Contains("StudentFirstName", error.Message);
        Assert.Contains("GradeAssessed", error.Message);
        Assert.Contains("CALPADSSchoolCode", error.Message);
        Assert.Contains("one of CALPADSPrimaryLanguage, PrimaryLanguageforTesting, CEDSLanguageCode", error.Message);
        Assert.DoesNotContain("SSID,", error.Message);
    }

    [Fact]
    public void EmptyFile_ThrowsFormatError()
    {
        var import = new StudentImport(ImportSource.FromBytes("empty.txt", []));

        var error = Assert.Throws<ImportFormatException>(() => import.ReadRecords().ToList());

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Windows1252Extract_DecodesCurlyApostrophe()
    {
        var text = "RecordType,SSID,StudentLastName,StudentFirstName,GradeAssessed,CALPADSSchoolCode,CALPADSPrimaryLanguage,SSREligible,EndofRecord\r\n" +
            "01,1000000501,D’Souza,Renée,04,19647336000001,SPA,Y,ZZ\r\n";
        var source = ImportSource.FromBytes("cp1252.csv", Fixtures.Windows1252(text));

        var (records, summary) = Fixtures.Import(source);

        var student = Assert.Single(records);
        Assert.Equal("D’Souza", student.LastName);
        Assert.Equal("Renée", student.FirstName);
        Assert.Equal("windows-1252", summary["cp1252.csv"]!.Encoding);
        Assert.DoesNotContain('\uFFFD', student.LastName);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void EncodingOption_OverridesDetection()
    {
        // Bytes C3 A9 are "é" in UTF-8 and "Ã©" in Windows-1252: the option decides.
        var text = "RecordType^SSID^StudentLastName^StudentFirstName^GradeAssessed^CALPADSSchoolCode^CEDSLanguageCode\n" +
            "01^1000000502^Ren\u00e9^Ana^01^19647336000001^spa\n";
        var source = ImportSource.FromBytes("forced.txt", System.Text.Encoding.UTF8.GetBytes(text));

        var (records, _) = Fixtures.Import(source, options: new ElpacExtractOptions { Encoding = TextEncodingChoice.Windows1252 });

        Assert.Equal("Ren\u00c3\u00a9", Assert.Single(records).LastName);
    }

    [Theory]
    [InlineData("KN", "KN")]
    [InlineData("k", "KN")]
    [InlineData("TK", "TK")]
    [InlineData("1", "01")]
    [InlineData("09", "09")]
    [InlineData("12", "12")]
    [InlineData("13", null)]
    [InlineData("PK", null)]
    [InlineData("", null)]
    public void NormalizeGrade_AcceptsElpacGrades(string text, string? expected)
    {
        Assert.Equal(expected, ElpacRowParser.NormalizeGrade(text));
    }

    [Fact]
    public void ReadRecords_SecondEnumerationThrows()
    {
        var import = new StudentImport(Fixtures.Source(Current));
        _ = import.ReadRecords().ToList();

        Assert.Throws<InvalidOperationException>(() => import.ReadRecords());
    }
}
