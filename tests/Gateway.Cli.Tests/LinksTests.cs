using Gateway.Domain.Tenancy;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Cli.Tests.Infrastructure;
using Gateway.Domain;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Cli.Tests;

public sealed class LinksTests
{
    private const string School = "19647336000001";
    private const string VideoHost = "videos.ssr-vendor.example";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Publish_ReportsRejectedLines()
    {
        await using var session = await StartAsync();
        await SeedOrderAsync(session, 3);
        var manifest = session.WriteFile("manifest.csv", Manifest(1, 3) +
            $"{GatewayCliSession.Lea},{Ssid(2)},klingon,https://{VideoHost}/v/x,\n" +
            $"{GatewayCliSession.Lea},{Ssid(3)},spanish,http://{VideoHost}/v/plain,\n");

        var result = await PublishAsync(session, manifest, "--json");

        Assert.True(result.ExitCode == ExitCodes.RecordsRejected, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(4, summary.GetProperty("recordsSent").GetInt32());
        Assert.Equal(3, summary.GetProperty("accepted").GetInt32());
        var rejected = summary.GetProperty("rejected").EnumerateArray()
            .Select(row => (row.GetProperty("line").GetInt32(), row.GetProperty("rejectedBy").GetString()))
            .ToList();
        Assert.Equal([(5, "manifest"), (6, "gateway")], rejected);
        Assert.Contains("links[3].url", summary.GetProperty("rejected")[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task ReportCsv_FormulaReason_PrefixedWithQuote()
    {
        await using var session = await GatewayCliSession.StartAsync(GatewayScopes.LinksAcknowledge, GatewayScopes.OrdersRead);
        await SeedOrderAsync(session, 1);
        var publish = await PublishAsync(session, session.WriteFile("manifest.csv", Manifest(1, 1)));
        var feed = new SsrGateway.V1.LinkFeedService.LinkFeedServiceClient(
            await session.Gateway.CreateLeaChannelAsync(GatewayCliSession.Lea, GatewayScopes.LinksAcknowledge));
        Assert.True(publish.ExitCode == 0, publish.ToString());

        foreach (var reason in new[] { "=1+2", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"x\",\"y\")" })
        {
            var request = new SsrGateway.V1.AcknowledgeLinkUpdatesRequest();
            request.Acknowledgements.Add(new SsrGateway.V1.LinkAcknowledgement { Sequence = 1, Status = SsrGateway.V1.AcknowledgementStatus.Failed, Reason = reason });
            var acknowledged = await feed.AcknowledgeLinkUpdatesAsync(request).ResponseAsync.WaitAsync(Timeout);

            var report = await session.RunAsync("report", "--school-year", "2025-26", "--assessment", "summative", "--csv", "--lea", GatewayCliSession.Lea);

            Assert.Equal(1, acknowledged.RecordedCount);
            Assert.True(report.ExitCode == 0, report.ToString());
            var row = report.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(line => line.StartsWith(School, StringComparison.Ordinal));
            var expected = reason.Contains('"', StringComparison.Ordinal)
                ? ",\"'" + reason.Replace("\"", "\"\"", StringComparison.Ordinal) + ": 1\""
                : ",'" + reason + ": 1";
            Assert.EndsWith(expected, row);
        }
    }

    [Fact]
    public async Task Watch_ResumesAfterCheckpoint()
    {
        await using var session = await StartAsync();
        await SeedOrderAsync(session, 6);
        var publish = await PublishAsync(session, session.WriteFile("manifest.csv", Manifest(1, 6)));
        var output = Path.Combine(session.WorkDirectory, "updates.jsonl");
        var checkpoint = Path.Combine(session.WorkDirectory, "watch.checkpoint");

        var first = await WatchAsync(session, output, checkpoint, "--stop-after", "4");
        var afterFirst = ReadSequences(output);
        var second = await WatchAsync(session, output, checkpoint, "--stop-after", "2");
        var lines = File.ReadAllLines(output);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(4, afterFirst.Count);
        Assert.True(File.Exists(checkpoint));
        Assert.True(second.ExitCode == 0, second.ToString());
        var sequences = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(6, sequences.Count);
        Assert.Equal(sequences.Order().ToList(), sequences);
        Assert.Equal(6, sequences.Distinct().Count());
        var update = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("available", update.GetProperty("changeType").GetString());
        Assert.Equal(Ssid(1), update.GetProperty("ssid").GetString());
        Assert.Equal($"https://{VideoHost}/v/{Ssid(1)}", update.GetProperty("url").GetString());
        Assert.NotEmpty(update.GetProperty("portalFieldWrites").EnumerateObject());
    }

    [Fact]
    public async Task Watch_CtrlC_StopsAndResumesWithoutLoss()
    {
        await using var session = await StartAsync();
        await SeedOrderAsync(session, 8);
        await PublishAsync(session, session.WriteFile("first.csv", Manifest(1, 5)));
        var output = Path.Combine(session.WorkDirectory, "updates.jsonl");
        var checkpoint = Path.Combine(session.WorkDirectory, "watch.checkpoint");

        using var stop = new CancellationTokenSource();
        var watch = CliRunner.RunAsync(session.Environment, stop.Token,
            "links", "watch", "--out", output, "--checkpoint", checkpoint, "--lea", GatewayCliSession.Lea);
        await WaitForLinesAsync(output, 5);
        await stop.CancelAsync();
        var stopped = await watch;
        var checkpointed = ReadSequences(output).Max();

        await PublishAsync(session, session.WriteFile("second.csv", Manifest(6, 8)));
        using var stopAgain = new CancellationTokenSource();
        var resumedWatch = CliRunner.RunAsync(session.Environment, stopAgain.Token,
            "links", "watch", "--out", output, "--checkpoint", checkpoint, "--lea", GatewayCliSession.Lea);
        await WaitForDistinctAsync(output, 8);
        await stopAgain.CancelAsync();
        var resumed = await resumedWatch;
        var sequences = ReadSequences(output);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Stopped after 5 updates", stopped.Error);
        Assert.Equal(Enumerable.Range(1, 8).Select(number => (long)number), sequences.Distinct().Order());
        var duplicates = sequences.GroupBy(sequence => sequence).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.All(duplicates, sequence => Assert.True(sequence > checkpointed, $"sequence {sequence} was written twice but precedes the checkpoint"));
    }

    [Fact]
    public async Task Watch_GatewayRestart_Reconnects()
    {
        await using var session = await StartAsync();
        await SeedOrderAsync(session, 4);
        await PublishAsync(session, session.WriteFile("first.csv", Manifest(1, 2)));
        var output = Path.Combine(session.WorkDirectory, "updates.jsonl");
        var checkpoint = Path.Combine(session.WorkDirectory, "watch.checkpoint");

        using var stop = new CancellationTokenSource();
        var watch = CliRunner.RunAsync(session.Environment, stop.Token,
            "links", "watch", "--out", output, "--checkpoint", checkpoint, "--lea", GatewayCliSession.Lea);
        await WaitForDistinctAsync(output, 2);
        await session.Gateway.RestartAsync();
        await PublishAsync(session, session.WriteFile("second.csv", Manifest(3, 4)));
        await WaitForDistinctAsync(output, 4);
        await stop.CancelAsync();
        var result = await watch;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("reconnecting", result.Error);
        Assert.Equal([1L, 2L, 3L, 4L], ReadSequences(output));
    }

    [Fact]
    public async Task Watch_TokenExpired_ResumesWithNewToken()
    {
        await using var session = await GatewayCliSession.StartAsync(
            options =>
            {
                options.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.200";
                options.Configuration["Auth:AccessTokenLifetime"] = "00:00:03";
            },
            GatewayScopes.LinksRead, GatewayScopes.LinksAcknowledge);
        await SeedOrderAsync(session, 2);
        await PublishAsync(session, session.WriteFile("first.csv", Manifest(1, 1)));
        var output = Path.Combine(session.WorkDirectory, "updates.jsonl");
        var checkpoint = Path.Combine(session.WorkDirectory, "watch.checkpoint");

        var watch = WatchAsync(session, output, checkpoint, "--stop-after", "2");
        await WaitForLinesAsync(output, 1);
        // Longer than the token lifetime, so the gateway ends the first call before the next update.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await PublishAsync(session, session.WriteFile("second.csv", Manifest(2, 2)));
        var result = await watch.WaitAsync(Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("access token expired", result.Error);
        Assert.Equal([1L, 2L], ReadSequences(output));
    }

    [Fact]
    public async Task Watch_Snapshot_WritesCurrentLinks()
    {
        await using var session = await StartAsync();
        await SeedOrderAsync(session, 3);
        await PublishAsync(session, session.WriteFile("manifest.csv", Manifest(1, 3)));
        var output = Path.Combine(session.WorkDirectory, "updates.jsonl");
        var checkpoint = Path.Combine(session.WorkDirectory, "watch.checkpoint");

        var result = await WatchAsync(session, output, checkpoint, "--snapshot", "--stop-after", "3");
        var updates = File.ReadAllLines(output).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, updates.Count);
        Assert.All(updates, update => Assert.True(update.GetProperty("fromSnapshot").GetBoolean()));
        Assert.Equal([Ssid(1), Ssid(2), Ssid(3)], updates.Select(update => update.GetProperty("ssid").GetString()!).Order().ToList());
    }

    [Fact]
    public async Task Watch_BothStarts_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync(
            "links", "watch", "--out", "x.jsonl", "--checkpoint", "x.checkpoint", "--from-start", "--snapshot",
            "--lea", GatewayCliSession.Lea, "--client-id", "x", "--client-secret", "y");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("cannot be combined", result.Error);
    }

    private static Task<GatewayCliSession> StartAsync() =>
        GatewayCliSession.StartAsync(
            options => options.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.500",
            GatewayScopes.LinksRead, GatewayScopes.LinksAcknowledge);

    private static string Ssid(int number) => (1_000_000_000L + number).ToString(CultureInfo.InvariantCulture);

    private static string Manifest(int first, int last)
    {
        var text = new StringBuilder("lea cds code,ssid,language,url,expires_at\n");
        for (var number = first; number <= last; number++)
        {
            text.Append($"{GatewayCliSession.Lea},{Ssid(number)},english,https://{VideoHost}/v/{Ssid(number)},2099-12-31T00:00:00Z\n");
        }

        return text.ToString();
    }

    private static async Task<CliResult> PublishAsync(GatewayCliSession session, string manifest, params string[] extra)
    {
        var vendor = await session.Gateway.CreateClientAsync([], [GatewayScopes.FulfillmentPublish]);
        string[] args = ["links", "publish", manifest, "--school-year", "2025-26", "--assessment", "summative", .. extra];
        return await CliRunner.RunAsync(session.EnvironmentFor(vendor), args);
    }

    private static Task<CliResult> WatchAsync(GatewayCliSession session, string output, string checkpoint, params string[] extra) =>
        session.RunAsync(["links", "watch", "--out", output, "--checkpoint", checkpoint, "--lea", GatewayCliSession.Lea, .. extra]);

    private static List<long> ReadSequences(string output) =>
        !File.Exists(output) ? [] : File.ReadAllLines(output).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64()).ToList();

    private static async Task WaitForDistinctAsync(string path, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (ReadSequences(path).Distinct().Count() < count)
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Expected {count} distinct sequences; the file has {string.Join(", ", ReadSequences(path))}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task WaitForLinesAsync(string path, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!File.Exists(path) || File.ReadAllLines(path).Length < count)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Stores a placed order for students 1 to <paramref name="count"/>, as the order service would.</summary>
    private static async Task SeedOrderAsync(GatewayCliSession session, int count)
    {
        await using var scope = session.Gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var order = new OrderEntity
        {
            Id = Guid.NewGuid(),
            LeaCode = GatewayCliSession.Lea,
            SchoolYear = "2025-26",
            Assessment = Assessment.SummativeElpac,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            CreateTime = DateTimeOffset.UtcNow,
            SetCount = count,
        };
        for (var number = 1; number <= count; number++)
        {
            order.Students.Add(new OrderStudentEntity
            {
                LeaCode = GatewayCliSession.Lea,
                SchoolYear = "2025-26",
                Assessment = Assessment.SummativeElpac,
                Ssid = Ssid(number),
                LocalStudentId = $"L{number}",
                SchoolCdsCode = School,
                PrimaryVideoLanguage = VideoLanguage.Spanish,
                GuardianPortalAccountIds = $"portal-{number}",
            });
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync().WaitAsync(Timeout);
    }
}
