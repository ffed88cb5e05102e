using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Text.Json.Nodes;
using Gateway.Cli.Admin;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Grpc.Core;
using Spectre.Console;
using SsrGateway.V1;

namespace Gateway.Cli.Links;

/// <summary><c>gatewayctl links publish</c>: a vendor's link manifest to <c>FulfillmentService.PublishVideoLinks</c>.</summary>
internal static class PublishCommand
{
    private const int BatchSize = 500;

    public static Command Build(CliContext context)
    {
        var manifest = new Argument<string>("MANIFEST") { Description = "CSV with lea_cds_code, ssid, language, url and expires_at columns." };
        var schoolYear = CommonOptions.SchoolYear(required: false);
        schoolYear.Description += " Used for rows without a school_year column.";
        var assessment = CommonOptions.Assessment(required: false);
        assessment.Description += " Used for rows without an assessment column.";
        var json = CommonOptions.Json();
        var connection = new ConnectionOptions(leaBound: false);
        var command = new Command("publish", "Publish video links from a manifest (vendor client with fulfillment.publish; the token has no LEA).")
        {
            manifest, schoolYear, assessment, json,
        };
        connection.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var path = parseResult.GetRequiredValue(manifest);
            if (!File.Exists(path))
            {
                throw CliException.Usage($"The manifest '{path}' was not found.");
            }

            var defaults = new Administration { SchoolYear = parseResult.GetValue(schoolYear) ?? string.Empty };
            if (parseResult.GetValue(assessment) is { } assessmentName)
            {
                defaults.Assessment = CommonOptions.ParseAssessment(assessmentName);
            }

            var settings = connection.Resolve(parseResult, context);
            await using var gateway = await CommonOptions.ConnectAsync(settings, [GatewayScopes.FulfillmentPublish], cancellationToken);
            var client = new FulfillmentService.FulfillmentServiceClient(gateway.Channel);
            var total = Math.Max(0, File.ReadLines(path).Count(line => !string.IsNullOrWhiteSpace(line)) - 1);
            var outcome = await Terminal.RunWithProgressAsync(context, "Publishing", total,
                progress => PublishAsync(client, path, defaults, progress, cancellationToken));

            await WriteSummaryAsync(context, path, outcome, parseResult.GetValue(json));
            return outcome.Rejections.Count > 0 ? ExitCodes.RecordsRejected : ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<PublishOutcome> PublishAsync(
        FulfillmentService.FulfillmentServiceClient client, string path, Administration defaults, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var fileRejections = new List<ManifestRejection>();
        var lines = new List<int>();
        using var call = client.PublishVideoLinks(cancellationToken: cancellationToken);
        var request = new PublishVideoLinksRequest();
        foreach (var link in LinkManifest.Read(path, defaults, fileRejections))
        {
            lines.Add(link.Line);
            request.Links.Add(link.Record);
            progress?.Report(lines.Count + fileRejections.Count);
            if (request.Links.Count == BatchSize)
            {
                await WriteAsync(call, request, cancellationToken);
                request = new PublishVideoLinksRequest();
            }
        }

        if (request.Links.Count > 0)
        {
            await WriteAsync(call, request, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        var rejections = fileRejections.Select(rejection => (rejection.Line, rejection.Ssid, "manifest", rejection.Message)).ToList();
        foreach (var rejected in response.RejectedRecords)
        {
            var line = rejected.RecordIndex >= 0 && rejected.RecordIndex < lines.Count ? lines[rejected.RecordIndex] : 0;
            var detail = string.Join(" ", rejected.BadRequest?.FieldViolations.Select(violation => $"{violation.Field}: {violation.Description}.") ?? []);
            rejections.Add((line, rejected.Ssid, "gateway", detail));
        }

        rejections.Sort((left, right) => left.Line.CompareTo(right.Line));
        return new PublishOutcome(lines.Count, response.AcceptedCount, response.UnchangedCount, rejections);
    }

    private static async Task WriteAsync(
        AsyncClientStreamingCall<PublishVideoLinksRequest, PublishVideoLinksResponse> call, PublishVideoLinksRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or RpcException && !cancellationToken.IsCancellationRequested)
        {
            // The gateway ended the call early, and its status gives the reason.
            await call.ResponseAsync;
            throw;
        }
    }

    private static async Task WriteSummaryAsync(CliContext context, string path, PublishOutcome outcome, bool json)
    {
        var file = Path.GetFileName(path);
        if (json)
        {
            await Terminal.WriteJsonAsync(context, new JsonObject
            {
                ["recordsSent"] = outcome.Sent,
                ["accepted"] = outcome.Accepted,
                ["unchanged"] = outcome.Unchanged,
                ["rejectedCount"] = outcome.Rejections.Count,
                ["rejected"] = new JsonArray(outcome.Rejections.Select(rejection => (JsonNode)new JsonObject
                {
                    ["file"] = file,
                    ["line"] = rejection.Line,
                    ["ssid"] = rejection.Ssid,
                    ["rejectedBy"] = rejection.Stage,
                    ["message"] = rejection.Message,
                }).ToArray()),
            });
            return;
        }

        var console = Terminal.Create(context);
        console.WriteLine($"{file}: {outcome.Sent + outcome.Rejections.Count(r => r.Stage == "manifest")} rows; {outcome.Sent} links sent; " +
            $"{outcome.Accepted} published, {outcome.Unchanged} unchanged, {outcome.Rejections.Count} rejected.");
        if (outcome.Rejections.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("Location", "SSID", "Rejected by", "Detail");
        foreach (var rejection in outcome.Rejections)
        {
            table.AddTextRow($"{file}:{rejection.Line}", rejection.Ssid, rejection.Stage, rejection.Message);
        }

        console.Write(table);
    }

    private sealed record PublishOutcome(int Sent, int Accepted, int Unchanged, List<(int Line, string Ssid, string Stage, string Message)> Rejections);
}
