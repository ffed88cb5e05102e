namespace Gateway.Imports.Tests;

/// <summary>Every fixture: each data row is imported, merged, referenced or rejected exactly once.</summary>
public class AccountingTests
{
    public static TheoryData<string, string?, int> ExtractFixtures => new()
    {
        // extract, contacts source (contacts CSV file or OneRoster folder), extract data rows
        { "elpac-2023-24-caret.txt", null, 9 },
        { "elpac-2018-19-comma.txt", null, 5 },
        { "elpac-2021-22-caret-legacy.txt", null, 4 },
        { "elpac-mixed-alternate.txt", null, 5 },
        { "elpac-ugly.txt", null, 6 },
        { "elpac-ugly.txt", "contacts-ugly.csv", 6 },
        { "elpac-2023-24-caret.txt", "oneroster-1.1", 9 },
        { "elpac-mixed-alternate.txt", "oneroster-1.2", 5 },
    };

    [Theory]
    [MemberData(nameof(ExtractFixtures))]
    public void Fixture_CountsAddUp(string extract, string? contacts, int extractRows)
    {
        var book = contacts switch
        {
            null => null,
            _ when contacts.EndsWith(".csv", StringComparison.Ordinal) => ContactsCsvReader.Read(Fixtures.Source(contacts)),
            "oneroster-1.2" => OneRosterReader.Read(Fixtures.PathOf(contacts), new OneRosterOptions { StudentKeyUserIdType = "SSID", DateOrder = DateOrder.DayFirst }),
            _ => OneRosterReader.Read(Fixtures.PathOf(contacts)),
        };

        var (records, summary) = Fixtures.Import(extract, book);

        var file = summary[extract]!;
        Assert.Equal(extractRows, file.DataRows);
        Assert.Equal(records.Count, file.Imported);
        Assert.Equal(file.DataRows, file.Imported + file.Rejected);
        Assert.Equal(summary.Imported, summary.LanguageColumnCounts.Values.Sum());
        Fixtures.AssertBalanced(summary);
        foreach (var contactFile in summary.Files.Skip(1))
        {
            Assert.Equal(contactFile.DataRows, contactFile.Merged + contactFile.Referenced + contactFile.Rejected);
            Assert.Equal(0, contactFile.Imported);
        }
    }
}
