using System.IO.Compression;

namespace Gateway.Imports.Tests;

public class OneRosterTests
{
    private static readonly OneRosterOptions Version12Options = new()
    {
        StudentKeyUserIdType = "SSID",
        DateOrder = DateOrder.DayFirst,
    };

    [Fact]
    public void Version11Folder_AttachesGuardians()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.1"));
        var (records, summary) = Fixtures.Import("elpac-2023-24-caret.txt", book);

        var jose = records.Single(record => record.Ssid == "1000000001");
        Assert.Equal(2, jose.Guardians.Count);

        var maria = jose.Guardians[0];
        Assert.Equal("María García", maria.Name);
        Assert.Equal("parent", maria.Relationship);
        Assert.Equal("(559) 555-0111", maria.MobilePhone);
        Assert.Equal(TextingConsent.Unknown, maria.TextingConsent);
        Assert.Equal("portal.maria", maria.PortalAccountId);
        Assert.Null(maria.PreferredLanguage);
        Assert.Equal(new SourceLocation("users.csv", 4), maria.Source);

        var roberto = jose.Guardians[1];
        Assert.Equal("Roberto García", roberto.Name);
        Assert.Equal("guardian", roberto.Relationship);
        Assert.Equal("559-555-0112", roberto.MobilePhone);

        var wei = Assert.Single(records.Single(record => record.Ssid == "1000000002").Guardians);
        Assert.Equal("伟 王", wei.Name);
        Assert.Equal("relative", wei.Relationship);
        Assert.Equal("5595550113", wei.MobilePhone);

        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void Version11Folder_AccountsForEveryRow()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.1"));
        var (_, summary) = Fixtures.Import("elpac-2023-24-caret.txt", book);

        var users = summary["users.csv"]!;
        Assert.Equal(10, users.DataRows);
        Assert.Equal(1, users.BlankLines);
        Assert.Equal(5, users.Merged);
        Assert.Equal(5, users.Rejected);
        Assert.Equal(["favoriteColor"], users.UnknownColumns);
        Assert.Equal(RejectionReason.GuardianNotLinked, Fixtures.RejectionAt(summary, "users.csv", 7).Reason);
        Assert.Equal(RejectionReason.UnsupportedRole, Fixtures.RejectionAt(summary, "users.csv", 8).Reason);
        Assert.Contains("role 'teacher'", Fixtures.RejectionAt(summary, "users.csv", 8).Message);
        Assert.Equal(RejectionReason.MarkedToBeDeleted, Fixtures.RejectionAt(summary, "users.csv", 9).Reason);
        Assert.Equal(RejectionReason.StudentNotInExtract, Fixtures.RejectionAt(summary, "users.csv", 10).Reason);
        Assert.Equal(RejectionReason.StudentNotInExtract, Fixtures.RejectionAt(summary, "users.csv", 11).Reason);

        var orgs = summary["orgs.csv"]!;
        Assert.Equal(3, orgs.DataRows);
        Assert.Equal(2, orgs.Referenced);
        Assert.Equal(RejectionReason.MarkedToBeDeleted, Fixtures.RejectionAt(summary, "orgs.csv", 4).Reason);
        Assert.Empty(orgs.UnknownColumns);

        Assert.Equal(2, summary["demographics.csv"]!.Referenced);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void UserIdsKey_ReadsConfiguredType()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.1"), new OneRosterOptions { StudentKeyUserIdType = "ssid" });
        var (records, summary) = Fixtures.Import("elpac-2023-24-caret.txt", book);

        Assert.Equal(2, records.Single(record => record.Ssid == "1000000001").Guardians.Count);
        Assert.Empty(records.Single(record => record.Ssid == "1000000002").Guardians);
        var missing = Fixtures.RejectionAt(summary, "users.csv", 3);
        Assert.Equal(RejectionReason.MissingValue, missing.Reason);
        Assert.Contains("userIds entry of type 'ssid'", missing.Message);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void PortalAccountOption_UsesSourcedId()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.1"), new OneRosterOptions { PortalAccountId = PortalAccountIdSource.SourcedId });
        var (records, _) = Fixtures.Import("elpac-2023-24-caret.txt", book);

        Assert.Equal(["par-1", "par-2"], records[0].Guardians.Select(guardian => guardian.PortalAccountId));
    }

    [Fact]
    public void Version12Folder_LinksThroughRolesAndAgents()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.2"), Version12Options);
        var (records, summary) = Fixtures.Import("elpac-mixed-alternate.txt", book);

        var diego = Assert.Single(records.Single(record => record.Ssid == "1000000301").Guardians);
        Assert.Equal("Lucía Flores", diego.Name);
        Assert.Equal("parent", diego.Relationship);
        Assert.Equal("5595550124", diego.MobilePhone);
        Assert.Equal("SPA", diego.PreferredLanguage);
        Assert.Equal("portal.lucia", diego.PortalAccountId);
        Assert.Equal(9, diego.Source.Line);

        var an = records.Single(record => record.Ssid == "1000000303").Guardians;
        Assert.Equal(["Thu Pham", "Bình Phạm"], an.Select(guardian => guardian.Name));
        Assert.Equal(["guardian", "relative"], an.Select(guardian => guardian.Relationship));
        Assert.Equal(["5595550121", "5595550122"], an.Select(guardian => guardian.MobilePhone));
        Assert.Equal(["VIE", "VIE"], an.Select(guardian => guardian.PreferredLanguage));

        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void Version12Folder_AccountsForEveryRow()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.2"), Version12Options);
        var (_, summary) = Fixtures.Import("elpac-mixed-alternate.txt", book);

        var users = summary["users.csv"]!;
        Assert.Equal(9, users.DataRows);
        Assert.Equal(5, users.Merged);
        Assert.Equal(4, users.Rejected);
        Assert.Empty(users.UnknownColumns);

        var superseded = Fixtures.RejectionAt(summary, "users.csv", 5);
        Assert.Equal(RejectionReason.DuplicateSourcedId, superseded.Reason);
        Assert.Contains("line 9", superseded.Message);

        var alternateStudent = Fixtures.RejectionAt(summary, "users.csv", 4);
        Assert.Equal(RejectionReason.StudentRejectedInExtract, alternateStudent.Reason);
        Assert.Contains("elpac-mixed-alternate.txt:3", alternateStudent.Message);
        Assert.Equal(RejectionReason.StudentRejectedInExtract, Fixtures.RejectionAt(summary, "users.csv", 8).Reason);
        Assert.Equal(RejectionReason.UnsupportedRole, Fixtures.RejectionAt(summary, "users.csv", 10).Reason);

        var roles = summary["roles.csv"]!;
        Assert.Equal(9, roles.DataRows);
        Assert.Equal(8, roles.Referenced);
        Assert.Equal(RejectionReason.MarkedToBeDeleted, Fixtures.RejectionAt(summary, "roles.csv", 10).Reason);

        Assert.Null(summary["demographics.csv"]);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void DayFirstDates_RejectedUnlessConfigured()
    {
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.2"), new OneRosterOptions { StudentKeyUserIdType = "SSID" });
        var (records, summary) = Fixtures.Import("elpac-mixed-alternate.txt", book);

        Assert.All(records, record => Assert.Empty(record.Guardians));
        var users = summary["users.csv"]!;
        Assert.Equal(9, users.Rejected);
        var first = Fixtures.RejectionAt(summary, "users.csv", 2);
        Assert.Equal(RejectionReason.InvalidValue, first.Reason);
        Assert.Contains("dateLastModified '15/08/2024'", first.Message);
        Assert.Contains("DateOrder", first.Message);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void LocalIdMatch_JoinsOnLocalStudentId()
    {
        var options = Version12Options with { StudentKeyUserIdType = null, MatchOn = StudentMatchKey.LocalStudentId };
        var book = OneRosterReader.Read(Fixtures.PathOf("oneroster-1.2"), options);
        var (records, summary) = Fixtures.Import("elpac-mixed-alternate.txt", book);

        Assert.Equal("Lucía Flores", Assert.Single(records.Single(record => record.LocalStudentId == "L-1001").Guardians).Name);
        Assert.Equal(2, records.Single(record => record.LocalStudentId == "L-1003").Guardians.Count);
        Fixtures.AssertBalanced(summary);
    }

    [Fact]
    public void ZipBundle_ReadsLikeFolder()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"oneroster-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                foreach (var file in Directory.EnumerateFiles(Fixtures.PathOf("oneroster-1.2")))
                {
                    archive.CreateEntryFromFile(file, "export/" + Path.GetFileName(file));
                }
            }

            var book = OneRosterReader.Read(zipPath, Version12Options);
            var (records, summary) = Fixtures.Import("elpac-mixed-alternate.txt", book);

            Assert.Equal("Lucía Flores", Assert.Single(records.Single(record => record.Ssid == "1000000301").Guardians).Name);
            Assert.Equal(5, summary["users.csv"]!.Merged);
            Fixtures.AssertBalanced(summary);
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    [Fact]
    public void MissingManifest_ThrowsFormatError()
    {
        var folder = Directory.CreateTempSubdirectory("oneroster-").FullName;
        try
        {
            File.Copy(Fixtures.PathOf("oneroster-1.1/users.csv"), Path.Combine(folder, "users.csv"));

            var error = Assert.Throws<ImportFormatException>(() => OneRosterReader.Read(folder));

            Assert.Contains("manifest.csv not found", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("2024-08-15", DateOrder.Iso, "2024-08-15")]
    [InlineData("2024-08-15T10:30:00.000Z", DateOrder.Iso, "2024-08-15")]
    [InlineData("15/08/2024", DateOrder.Iso, null)]
    [InlineData("15/08/2024", DateOrder.DayFirst, "2024-08-15")]
    [InlineData("08/15/2024", DateOrder.MonthFirst, "2024-08-15")]
    [InlineData("15/08/2024", DateOrder.MonthFirst, null)]
    public void ParseDate_HonoursDateOrder(string text, DateOrder order, string? expected)
    {
        var parsed = UsersFile.ParseDate(text, order);

        Assert.Equal(expected, parsed?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ParseUserIds_ReadsTypedEntries()
    {
        var entries = OneRosterReader.ParseUserIds("{SSID:1234567890},{ District : L-55 }").ToList();

        Assert.Equal([("SSID", "1234567890"), ("District", "L-55")], entries);
    }
}
