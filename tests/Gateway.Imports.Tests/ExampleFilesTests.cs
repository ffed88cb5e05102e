namespace Gateway.Imports.Tests;

/// <summary>The sample files in examples/ import as their generator intends.</summary>
public class ExampleFilesTests
{
    private const string Extract = "elpac-extract-sample.txt";
    private const string Contacts = "contacts-sample.csv";

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Examples", name);

    [Fact]
    public void SampleExtract_RejectsPlantedRows()
    {
        var contacts = ContactsCsvReader.Read(ImportSource.FromFile(PathOf(Contacts)));
        var (records, summary) = Fixtures.Import(ImportSource.FromFile(PathOf(Extract)), contacts);

        var extract = summary[Extract]!;
        Assert.Equal(300, extract.DataRows);
        Assert.Equal(296, extract.Imported);
        Assert.Equal(
            [(19, RejectionReason.NotSsrEligible), (44, RejectionReason.InvalidSsid), (90, RejectionReason.AssessmentNotOffered), (205, RejectionReason.AssessmentNotOffered)],
            extract.Rejections.Select(rejection => (rejection.Source.Line, rejection.Reason)));

        var first = records[0];
        Assert.Equal("1960000003", first.Ssid);
        Assert.Equal(ElpacAssessment.InitialElpac, first.Assessment);
        Assert.Equal("19647336000001", first.SchoolCode.Value);
        Assert.Equal("19647330000000", first.DistrictCode.Value);
        Assert.Equal(2, first.Guardians.Count);

        Assert.Contains(records, record => record.PrimaryLanguage.Code == "01");
        Assert.Equal(296, summary.LanguageColumnCounts[LanguageColumn.CalpadsPrimaryLanguage]);
        Assert.True(summary[Contacts]!.Merged > 250);
        Assert.True(summary.StudentsWithoutGuardians > 0);
        Fixtures.AssertBalanced(summary);
    }
}
