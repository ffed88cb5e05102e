using Gateway.Domain.Tenancy;
using System.Text.Json;
using Gateway.Cli.Tests.Infrastructure;
using Gateway.Server.Auth;

namespace Gateway.Cli.Tests;

public sealed class RosterUploadTests
{
    private const string ExtractHeader =
        "RecordType^SSID^LocalStudentID^StudentLastName^StudentFirstName^StudentMiddleName^GradeAssessed^CALPADSDistrictCode^CALPADSSchoolCode^CALPADSPrimaryLanguage^SSREligible";

    // Lines 2 (Spanish) and 6 (English only) are valid. Line 3 has a bad SSID and line 7 is not
    // SSR-eligible. Line 4 names a school of another LEA, which the gateway rejects. Line 5 is an
    // Initial ELPAC row.
    internal static readonly string Extract = string.Join('\n',
        ExtractHeader,
        "01^1000000001^L1^Lopez^Ana^^03^19647330000000^19647336000001^01^Y",
        "01^12345^L2^Kim^Bo^^04^19647330000000^19647336000001^01^Y",
        "01^1000000003^L3^Diaz^Eva^^05^19647330000000^01611196000001^01^Y",
        "03^1000000004^L4^Tran^Minh^^KN^19647330000000^19647336000001^02^Y",
        "01^1000000005^L5^Smith^Joe^^06^19647330000000^19647336000002^00^Y",
        "01^1000000006^L6^Ng^Lee^^07^19647330000000^19647336000001^02^N") + "\n";

    // Line 4 names a student who is not in the extract.
    internal const string Contacts =
        "ssid,guardian_name,relationship,mobile_phone,texting_consent,portal_account_id\n" +
        "1000000001,Maria Lopez,Mother,(213) 373-4253,yes,portal-1\n" +
        "1000000005,Sam Smith,Father,,no,portal-5\n" +
        "1000000099,Pat Doe,Father,(213) 373-4254,yes,portal-99\n";

    [Fact]
    public async Task Upload_ReportsEveryRowWithLine()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv", Contacts);

        var result = await session.RunAsync(
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "full", "--lea", GatewayCliSession.Lea, "--json");

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.False(summary.GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, summary.GetProperty("recordsSent").GetInt32());
        Assert.Equal(2, summary.GetProperty("stored").GetInt32());
        Assert.Equal(5, summary.GetProperty("rejectedCount").GetInt32());
        var rejected = summary.GetProperty("rejected").EnumerateArray()
            .Select(row => (row.GetProperty("file").GetString(), row.GetProperty("line").GetInt32(), row.GetProperty("rejectedBy").GetString()))
            .OrderBy(row => row.Item1).ThenBy(row => row.Item2)
            .ToList();
        Assert.Equal(
            [("contacts.csv", 4, "import"), ("extract.txt", 3, "import"), ("extract.txt", 4, "gateway"), ("extract.txt", 5, "import"), ("extract.txt", 7, "import")],
            rejected);
        var gatewayReject = summary.GetProperty("rejected").EnumerateArray().Single(row => row.GetProperty("rejectedBy").GetString() == "gateway");
        Assert.Equal("1000000003", gatewayReject.GetProperty("ssid").GetString());
        var violation = Assert.Single(gatewayReject.GetProperty("violations").EnumerateArray());
        Assert.Equal("students[1].school_cds_code", violation.GetProperty("field").GetString());
        var initialRow = summary.GetProperty("rejected").EnumerateArray().Single(row => row.GetProperty("line").GetInt32() == 5);
        Assert.Contains("--assessment initial", initialRow.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Upload_OtherAssessmentContact_NamesOption()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv",
            "ssid,guardian_name,relationship,mobile_phone,texting_consent,portal_account_id\n" +
            "1000000004,Lan Tran,Mother,(213) 373-4255,yes,portal-4\n");

        var result = await session.RunAsync(
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "full", "--lea", GatewayCliSession.Lea, "--json");

        var summary = JsonDocument.Parse(result.Output).RootElement;
        var contactRow = summary.GetProperty("rejected").EnumerateArray()
            .Single(row => row.GetProperty("file").GetString() == "contacts.csv");
        var message = contactRow.GetProperty("message").GetString();
        Assert.Equal(2, contactRow.GetProperty("line").GetInt32());
        Assert.Contains("--assessment initial", message);
        Assert.DoesNotContain("not offered", message);
    }

    [Fact]
    public async Task Upload_TextSummary_ListsLinesAndBalance()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv", Contacts);

        var result = await session.RunAsync(
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "delta", "--lea", GatewayCliSession.Lea);

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        Assert.Contains("extract.txt:4", result.Output);
        Assert.Contains("students[1].school_cds_code", result.Output);
        Assert.Contains("contacts.csv:4", result.Output);
        Assert.Contains("extract.txt: 6 data rows = 2 accepted + 1 rejected by the gateway + 3 rejected by the import.", result.Output);
        Assert.DoesNotContain("Lopez", result.Output);
    }

    [Fact]
    public async Task Upload_OnTerminal_DrawsProgressAndSummary()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);

        var result = await CliRunner.RunAsync(session.Environment, outputRedirected: false, CancellationToken.None,
            "roster", "upload", extract, "--school-year", "2025-26", "--assessment", "summative", "--mode", "full", "--lea", GatewayCliSession.Lea);

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        Assert.Contains("Uploading", result.Error);
        Assert.Contains("extract.txt:4", result.Output);
    }

    [Fact]
    public async Task Upload_ManyBatches_MapsIndexToLine()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var rows = new List<string> { ExtractHeader };
        for (var number = 1; number <= 1203; number++)
        {
            // Record 1100 (line 1102) names a school of another LEA, so the gateway rejects it.
            var school = number == 1101 ? "01611196000001" : "19647336000001";
            rows.Add($"01^{2_000_000_000L + number}^L{number}^Last^First^^05^19647330000000^{school}^01^Y");
        }

        var extract = session.WriteFile("large.txt", string.Join('\n', rows) + "\n");

        var result = await session.RunAsync(
            "roster", "upload", extract, "--school-year", "2025-26", "--assessment", "summative", "--mode", "full",
            "--lea", GatewayCliSession.Lea, "--json");

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(1203, summary.GetProperty("recordsSent").GetInt32());
        Assert.Equal(1202, summary.GetProperty("stored").GetInt32());
        var rejected = Assert.Single(summary.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1102, rejected.GetProperty("line").GetInt32());
        Assert.Equal(1100, rejected.GetProperty("recordIndex").GetInt32());
        Assert.Equal("2000001101", rejected.GetProperty("ssid").GetString());
    }

    [Fact]
    public async Task Upload_Rerun_ReturnsSameUpload()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv", Contacts);
        string[] args =
        [
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "full", "--lea", GatewayCliSession.Lea, "--json",
        ];

        var first = JsonDocument.Parse((await session.RunAsync(args)).Output).RootElement;
        var second = JsonDocument.Parse((await session.RunAsync(args)).Output).RootElement;

        Assert.Equal(first.GetProperty("idempotencyKey").GetString(), second.GetProperty("idempotencyKey").GetString());
        Assert.Equal(first.GetProperty("uploadId").GetString(), second.GetProperty("uploadId").GetString());
        Assert.Equal(first.GetProperty("rosterVersion").GetInt64(), second.GetProperty("rosterVersion").GetInt64());
    }

    [Fact]
    public async Task Import_DryRun_UploadsNothing()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite, GatewayScopes.RosterRead);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv", Contacts);

        var result = await CliRunner.RunAsync("roster", "import", "--elpac", extract, "--contacts", contacts, "--dry-run", "--json");

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, summary.GetProperty("recordsValid").GetInt32());
        Assert.Equal(0, summary.GetProperty("recordsSent").GetInt32());
        Assert.Equal(4, summary.GetProperty("rejectedCount").GetInt32());
    }

    [Fact]
    public async Task Upload_WrongSecret_ExitsWithServerError()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);
        var extract = session.WriteFile("extract.txt", Extract);

        var result = await session.RunAsync(
            "roster", "upload", extract, "--school-year", "2025-26", "--assessment", "summative", "--mode", "full",
            "--lea", GatewayCliSession.Lea, "--client-secret", "wrong-secret");

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Contains("invalid_client", result.Error);
        Assert.DoesNotContain("wrong-secret", result.Error);
        Assert.DoesNotContain(session.Client.ClientSecret, result.Error);
    }

    [Fact]
    public async Task Upload_MissingExtract_ExitsWithUsageError()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite);

        var result = await session.RunAsync(
            "roster", "upload", Path.Combine(session.WorkDirectory, "missing.txt"), "--school-year", "2025-26",
            "--assessment", "summative", "--mode", "full", "--lea", GatewayCliSession.Lea);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("missing.txt' was not found", result.Error);
    }

    [Fact]
    public async Task Quote_AfterUpload_PricesExactly()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.RosterWrite, GatewayScopes.PricingRead);
        var extract = session.WriteFile("extract.txt", Extract);
        var contacts = session.WriteFile("contacts.csv", Contacts);
        await session.RunAsync(
            "roster", "upload", extract, "--contacts", contacts, "--school-year", "2025-26", "--assessment", "summative",
            "--mode", "full", "--lea", GatewayCliSession.Lea);

        var json = await session.RunAsync(
            "quote", "--school-year", "2025-26", "--assessment", "summative", "--texted-links", "--lea", GatewayCliSession.Lea, "--json");
        var table = await session.RunAsync(
            "quote", "--school-year", "2025-26", "--assessment", "summative", "--language", "spanish", "--lea", GatewayCliSession.Lea);

        Assert.True(json.ExitCode == 0, json.ToString());
        var quote = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(2, quote.GetProperty("setCount").GetInt32());
        Assert.Equal(1, quote.GetProperty("textedLinkCount").GetInt32());
        Assert.Equal(2, quote.GetProperty("videosByLanguage").GetProperty("english").GetInt32());
        Assert.Equal(1, quote.GetProperty("videosByLanguage").GetProperty("spanish").GetInt32());
        Assert.Equal("2.25", quote.GetProperty("total").GetProperty("amount").GetString());
        Assert.Equal("USD", quote.GetProperty("total").GetProperty("currency").GetString());
        var amounts = quote.GetProperty("lineItems").EnumerateArray()
            .Select(item => (item.GetProperty("kind").GetString(), item.GetProperty("quantity").GetInt32(),
                item.GetProperty("unitPrice").GetProperty("amount").GetString(), item.GetProperty("amount").GetProperty("amount").GetString()))
            .ToList();
        Assert.Equal([("video_set", 2, "1.00", "2.00"), ("texted_link", 1, "0.25", "0.25")], amounts);
        var excluded = Assert.Single(quote.GetProperty("excludedStudents").EnumerateArray());
        Assert.Equal("1000000005", excluded.GetProperty("ssid").GetString());
        Assert.True(excluded.GetProperty("textedLinkOnly").GetBoolean());
        Assert.False(string.IsNullOrEmpty(quote.GetProperty("quoteId").GetString()));

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("1.00 USD", table.Output);
        Assert.Contains("Spanish", table.Output);
        Assert.Contains("Sets: 1", table.Output);
        Assert.Matches(@"Quote \S+ for 2025-26 summative", table.Output);
    }

    [Fact]
    public async Task Quote_SsidsWithFilters_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync(
            "quote", "--school-year", "2025-26", "--assessment", "summative", "--ssid", "1000000001", "--grade", "03",
            "--lea", GatewayCliSession.Lea, "--client-id", "x", "--client-secret", "y");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("cannot be combined", result.Error);
    }
}
