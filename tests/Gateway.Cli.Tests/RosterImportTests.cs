using System.IO.Compression;
using System.Text.Json;
using Gateway.Cli.Tests.Infrastructure;

namespace Gateway.Cli.Tests;

public sealed class RosterImportTests
{
    private static readonly string Extract = Path.Combine(AppContext.BaseDirectory, "Fixtures", "elpac-2023-24-caret.txt");
    private static readonly string Bundle = Path.Combine(AppContext.BaseDirectory, "Fixtures", "oneroster-1.1");

    [Fact]
    public async Task Import_OneRosterFolder_ListsUserRows()
    {
        var result = await CliRunner.RunAsync("roster", "import", "--elpac", Extract, "--contacts", Bundle, "--dry-run", "--json");

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement;
        var files = summary.GetProperty("files").EnumerateArray().Select(file => file.GetProperty("file").GetString()).ToList();
        Assert.Contains("users.csv", files);
        var userRejections = summary.GetProperty("rejected").EnumerateArray()
            .Where(row => row.GetProperty("file").GetString() == "users.csv")
            .Select(row => row.GetProperty("line").GetInt32())
            .ToList();
        Assert.Contains(7, userRejections);
        Assert.Contains(8, userRejections);
        Assert.Contains(9, userRejections);
        Assert.Equal(summary.GetProperty("rejectedCount").GetInt32(), summary.GetProperty("rejected").GetArrayLength());
    }

    [Fact]
    public async Task Import_OneRosterZip_MatchesFolder()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("gatewayctl-zip-").FullName, "bundle.zip");
        ZipFile.CreateFromDirectory(Bundle, zip);

        var fromFolder = await CliRunner.RunAsync("roster", "import", "--elpac", Extract, "--contacts", Bundle, "--dry-run", "--json");
        var fromZip = await CliRunner.RunAsync("roster", "import", "--elpac", Extract, "--contacts", zip, "--dry-run", "--json");

        var folderSummary = JsonDocument.Parse(fromFolder.Output).RootElement;
        var zipSummary = JsonDocument.Parse(fromZip.Output).RootElement;
        Assert.Equal(fromFolder.ExitCode, fromZip.ExitCode);
        Assert.Equal(folderSummary.GetProperty("recordsValid").GetInt32(), zipSummary.GetProperty("recordsValid").GetInt32());
        Assert.Equal(folderSummary.GetProperty("rejected").GetRawText(), zipSummary.GetProperty("rejected").GetRawText());
        Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true);
    }

    [Fact]
    public async Task Upload_OneRosterFolder_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync(
            "roster", "upload", Extract, "--contacts", Bundle, "--school-year", "2025-26", "--assessment", "summative", "--mode", "full",
            "--lea", GatewayCliSession.Lea, "--client-id", "x", "--client-secret", "y");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("roster import", result.Error);
    }
}
