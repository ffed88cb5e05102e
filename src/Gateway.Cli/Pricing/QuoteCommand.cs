using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Cli.Admin;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Spectre.Console;
using SsrGateway.V1;

namespace Gateway.Cli.Pricing;

/// <summary><c>gatewayctl quote</c>: prices a selection of the roster through <c>PricingService.QuoteOrder</c>.</summary>
internal static class QuoteCommand
{
    public static Command Build(CliContext context)
    {
        var schoolYear = CommonOptions.SchoolYear();
        var assessment = CommonOptions.Assessment();
        var schools = new Option<string[]>("--school") { Description = "14-digit CDS code of a school to include; repeat for several." };
        var grades = new Option<string[]>("--grade") { Description = "Grade to include (TK, KN, 01 to 12); repeat for several." };
        var languages = new Option<string[]>("--language")
        {
            Description = "Primary video language to include: english (English-only sets), spanish, vietnamese, mandarin or filipino; repeat for several.",
        };
        var ssids = new Option<string[]>("--ssid") { Description = "10-digit SSID to quote; repeat for several. Excludes the filters." };
        var ssidsFile = new Option<string?>("--ssids-file") { Description = "File with one SSID per line (blank lines and lines starting with # are skipped)." };
        var textedLinks = new Option<bool>("--texted-links") { Description = "Add the texted-link option for students with a textable guardian." };
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions();
        var command = new Command("quote", "Price a selection of the roster without placing an order.")
        {
            schoolYear, assessment, schools, grades, languages, ssids, ssidsFile, textedLinks, json,
        };
        connection.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var request = new QuoteOrderRequest
            {
                Administration = CommonOptions.ParseAdministration(parseResult.GetRequiredValue(schoolYear), parseResult.GetRequiredValue(assessment)),
                Selection = new StudentSelection(),
                TextedLinks = parseResult.GetValue(textedLinks),
            };
            request.Selection.SchoolCdsCodes.Add(parseResult.GetValue(schools) ?? []);
            request.Selection.Grades.Add(parseResult.GetValue(grades) ?? []);
            request.Selection.VideoLanguages.Add((parseResult.GetValue(languages) ?? []).Select(ParseLanguage));
            request.Selection.Ssids.Add(await ReadSsidsAsync(parseResult.GetValue(ssids) ?? [], parseResult.GetValue(ssidsFile), cancellationToken));
            var hasFilters = request.Selection.SchoolCdsCodes.Count + request.Selection.Grades.Count + request.Selection.VideoLanguages.Count > 0;
            if (request.Selection.Ssids.Count > 0 && hasFilters)
            {
                throw CliException.Usage("--ssid and --ssids-file cannot be combined with --school, --grade or --language: an SSID list selects exactly those students.");
            }

            var settings = connection.Resolve(parseResult, context);
            await using var gateway = await CommonOptions.ConnectAsync(settings, [GatewayScopes.PricingRead], cancellationToken);
            var response = await new PricingService.PricingServiceClient(gateway.Channel).QuoteOrderAsync(request, cancellationToken: cancellationToken);

            if (parseResult.GetValue(json))
            {
                await Terminal.WriteJsonAsync(context, ToJson(response.Quote));
            }
            else
            {
                WriteTable(Terminal.Create(context), response.Quote);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static VideoLanguage ParseLanguage(string text) => text.Trim().ToLowerInvariant() switch
    {
        "english" => VideoLanguage.English,
        "spanish" => VideoLanguage.Spanish,
        "vietnamese" => VideoLanguage.Vietnamese,
        "mandarin" => VideoLanguage.Mandarin,
        "filipino" => VideoLanguage.Filipino,
        _ => throw CliException.Usage($"--language '{text}' is invalid: expected english, spanish, vietnamese, mandarin or filipino."),
    };

    private static async Task<List<string>> ReadSsidsAsync(string[] ssids, string? file, CancellationToken cancellationToken)
    {
        var result = ssids.Select(ssid => ssid.Trim()).ToList();
        if (file is null)
        {
            return result;
        }

        if (!File.Exists(file))
        {
            throw CliException.Usage($"The SSID file '{file}' was not found.");
        }

        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            var ssid = line.Trim();
            if (ssid.Length > 0 && !ssid.StartsWith('#'))
            {
                result.Add(ssid);
            }
        }

        return result;
    }

    private static string LanguageName(VideoLanguage language) => language switch
    {
        VideoLanguage.English => "English",
        VideoLanguage.Spanish => "Spanish",
        VideoLanguage.Vietnamese => "Vietnamese",
        VideoLanguage.Mandarin => "Mandarin",
        VideoLanguage.Filipino => "Filipino",
        _ => language.ToString(),
    };

    private static string ReasonName(ExclusionReason reason) => reason switch
    {
        ExclusionReason.NotOnRoster => "not on roster",
        ExclusionReason.DuplicateInSelection => "duplicate in selection",
        ExclusionReason.NoTextableMobile => "no textable mobile",
        ExclusionReason.TextingConsentDeclined => "texting consent declined",
        _ => reason.ToString(),
    };

    private static void WriteTable(IAnsiConsole console, Quote quote)
    {
        console.WriteLine($"Quote {quote.QuoteId} for {quote.Administration.SchoolYear} {CommonOptions.Name(quote.Administration.Assessment)}, roster version {quote.RosterVersion}");
        console.WriteLine($"Expires: {quote.ExpireTime?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "not set"}");
        console.WriteLine($"Sets: {quote.SetCount}   Texted links: {quote.TextedLinkCount}" + (quote.TextedLinks ? string.Empty : " (option not requested)"));
        console.WriteLine();

        var videos = new Table().AddColumns("Video language", "Videos");
        videos.Columns[1].RightAligned();
        foreach (var count in quote.VideosByLanguage)
        {
            videos.AddTextRow(LanguageName(count.Language), count.Count.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(videos);

        var items = new Table().AddColumns("Item", "Quantity", "Unit price", "Amount");
        for (var column = 1; column < 4; column++)
        {
            items.Columns[column].RightAligned();
        }

        foreach (var item in quote.LineItems)
        {
            items.AddTextRow(item.Description, item.Quantity.ToString(CultureInfo.InvariantCulture), MoneyText.Format(item.UnitPrice), MoneyText.Format(item.Amount));
        }

        items.AddTextRow("Total", string.Empty, string.Empty, MoneyText.FormatWithCurrency(quote.Total));
        console.Write(items);

        if (quote.ExcludedStudents.Count > 0)
        {
            console.WriteLine($"Excluded students ({quote.ExcludedStudents.Count}):");
            var excluded = new Table().AddColumns("SSID", "Left out of", "Reason", "Detail");
            foreach (var student in quote.ExcludedStudents)
            {
                excluded.AddTextRow(student.Ssid, student.TextedLinkOnly ? "texted link" : "set", ReasonName(student.Reason), student.Detail);
            }

            console.Write(excluded);
        }
    }

    private static JsonObject ToJson(Quote quote) => new()
    {
        ["quoteId"] = quote.QuoteId,
        ["schoolYear"] = quote.Administration.SchoolYear,
        ["assessment"] = CommonOptions.Name(quote.Administration.Assessment),
        ["rosterVersion"] = quote.RosterVersion,
        ["expireTime"] = quote.ExpireTime?.ToDateTimeOffset().ToString("O"),
        ["textedLinks"] = quote.TextedLinks,
        ["setCount"] = quote.SetCount,
        ["textedLinkCount"] = quote.TextedLinkCount,
        ["videosByLanguage"] = new JsonObject(quote.VideosByLanguage
            .Select(count => KeyValuePair.Create(LanguageName(count.Language).ToLowerInvariant(), (JsonNode?)count.Count))),
        ["lineItems"] = new JsonArray(quote.LineItems.Select(item => (JsonNode)new JsonObject
        {
            ["kind"] = item.Kind == LineItemKind.TextedLink ? "texted_link" : "video_set",
            ["description"] = item.Description,
            ["quantity"] = item.Quantity,
            ["unitPrice"] = MoneyJson(item.UnitPrice),
            ["amount"] = MoneyJson(item.Amount),
        }).ToArray()),
        ["total"] = MoneyJson(quote.Total),
        ["excludedStudents"] = new JsonArray(quote.ExcludedStudents.Select(student => (JsonNode)new JsonObject
        {
            ["ssid"] = student.Ssid,
            ["reason"] = ReasonName(student.Reason).Replace(' ', '_'),
            ["textedLinkOnly"] = student.TextedLinkOnly,
            ["detail"] = student.Detail,
        }).ToArray()),
    };

    /// <summary>Money as a decimal string, so JSON readers never see a binary floating-point value.</summary>
    private static JsonObject MoneyJson(Google.Type.Money? money) => new()
    {
        ["currency"] = string.IsNullOrEmpty(money?.CurrencyCode) ? "USD" : money.CurrencyCode,
        ["amount"] = MoneyText.Format(money),
    };
}
