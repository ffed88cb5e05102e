using System.Text.Json.Nodes;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Gateway.Imports;
using Spectre.Console;
using SsrGateway.V1;

namespace Gateway.Cli.Roster;

/// <summary>
/// Prints the outcome of an upload so that every input row is accounted for: counts per file, and
/// each rejected row with its file, line and reason, whether the import or the gateway rejected it.
/// </summary>
internal static class UploadReport
{
    private const string ImportStage = "import";
    private const string GatewayStage = "gateway";

    public static async Task WriteAsync(CliContext context, RosterUploadOutcome outcome, bool json)
    {
        if (json)
        {
            await Terminal.WriteJsonAsync(context, ToJson(outcome));
            return;
        }

        var console = Terminal.Create(context);
        var administration = $"{outcome.Administration.SchoolYear} {CommonOptions.Name(outcome.Administration.Assessment)}";
        console.WriteLine(outcome.DryRun
            ? $"Dry run of a {ModeName(outcome.Mode)} roster upload for {administration}: nothing was uploaded."
            : $"Roster upload {outcome.Upload!.UploadId} for {administration}, mode {ModeName(outcome.Mode)}, roster version {outcome.Upload.RosterVersion}.");
        console.WriteLine($"Idempotency key: {outcome.IdempotencyKey}");
        console.WriteLine();

        var files = new Table().AddColumns("File", "Data rows", "Imported", "Merged", "Referenced", "Rejected");
        foreach (var file in outcome.Import.Files)
        {
            files.AddTextRow(file.File, Count(file.DataRows), Count(file.Imported), Count(file.Merged), Count(file.Referenced), Count(file.Rejected));
        }

        console.Write(files);
        console.WriteLine(GatewayLine(outcome));

        var rejections = RejectedRows(outcome).ToList();
        if (rejections.Count > 0)
        {
            console.WriteLine();
            console.WriteLine($"Rejected rows ({rejections.Count}):");
            var table = new Table().AddColumns("Location", "Rejected by", "Reason", "Detail");
            foreach (var row in rejections)
            {
                table.AddTextRow(row.Source.ToString(), row.Stage, row.Reason, row.Message);
            }

            console.Write(table);
        }

        console.WriteLine(BalanceLine(outcome));
    }

    private static string GatewayLine(RosterUploadOutcome outcome)
    {
        if (outcome.Upload is null)
        {
            return $"{outcome.RecordCount} records would be sent to the gateway.";
        }

        var upload = outcome.Upload;
        var line = $"Gateway: {outcome.RecordCount} records sent; {upload.AcceptedCount} stored as new or changed, " +
            $"{upload.UnchangedCount} unchanged, {upload.RejectedCount} rejected.";
        return outcome.Mode == UploadMode.Full ? line + $" {upload.RemovedCount} students no longer listed were removed." : line;
    }

    /// <summary>States how the extract's data rows split into accepted and rejected ones.</summary>
    private static string BalanceLine(RosterUploadOutcome outcome)
    {
        var extract = outcome.Import.Files.FirstOrDefault();
        if (extract is null)
        {
            return string.Empty;
        }

        var accepted = outcome.RecordCount - outcome.ServerRejections.Count;
        return $"{extract.File}: {extract.DataRows} data rows = {accepted} accepted + {outcome.ServerRejections.Count} rejected by the gateway " +
            $"+ {extract.Rejected} rejected by the import.";
    }

    private static IEnumerable<(SourceLocation Source, string Stage, string Reason, string Message)> RejectedRows(RosterUploadOutcome outcome)
    {
        var importRows = outcome.Import.Rejections.Select(rejection => (rejection.Source, ImportStage, rejection.Reason.ToString(), Describe(rejection, outcome)));
        var gatewayRows = outcome.ServerRejections.Select(rejection => (rejection.Source, GatewayStage, ViolationFields(rejection), ViolationText(rejection)));
        var fileOrder = outcome.Import.Files.Select(file => file.File).ToList();
        return importRows.Concat(gatewayRows)
            .OrderBy(row => fileOrder.IndexOf(row.Source.File))
            .ThenBy(row => row.Source.Line);
    }

    /// <summary>
    /// Returns the import's message, except for rows of the other ELPAC assessment and the contact
    /// rows of their students: the import only reports them as not offered, so the message names
    /// the option that uploads them.
    /// </summary>
    private static string Describe(RowRejection rejection, RosterUploadOutcome outcome)
    {
        var (selected, other, otherOption) = outcome.Administration.Assessment == Assessment.InitialElpac
            ? (ElpacAssessment.InitialElpac, ElpacAssessment.SummativeElpac, "summative")
            : (ElpacAssessment.SummativeElpac, ElpacAssessment.InitialElpac, "initial");
        if (!rejection.Message.Contains($"is {other},", StringComparison.Ordinal))
        {
            return rejection.Message;
        }

        return rejection.Reason switch
        {
            RejectionReason.AssessmentNotOffered =>
                $"the row is {other}, but this upload is for {selected}; upload it with --assessment {otherOption}.",
            RejectionReason.StudentRejectedInExtract =>
                $"the student's extract row is {other}, but this upload is for {selected}; upload it with --assessment {otherOption}.",
            _ => rejection.Message,
        };
    }

    private static string ViolationFields(ServerRejection rejection) =>
        rejection.Violations.Count == 0 ? "rejected" : string.Join(", ", rejection.Violations.Select(violation => violation.Field));

    private static string ViolationText(ServerRejection rejection) =>
        $"SSID {rejection.Ssid}: " + (rejection.Violations.Count == 0
            ? "the gateway gave no reason."
            : string.Join(" ", rejection.Violations.Select(violation => violation.Description)));

    private static JsonObject ToJson(RosterUploadOutcome outcome)
    {
        var rejected = new JsonArray();
        foreach (var rejection in outcome.Import.Rejections)
        {
            rejected.Add(new JsonObject
            {
                ["file"] = rejection.Source.File,
                ["line"] = rejection.Source.Line,
                ["rejectedBy"] = ImportStage,
                ["reason"] = rejection.Reason.ToString(),
                ["message"] = Describe(rejection, outcome),
            });
        }

        foreach (var rejection in outcome.ServerRejections)
        {
            rejected.Add(new JsonObject
            {
                ["file"] = rejection.Source.File,
                ["line"] = rejection.Source.Line,
                ["rejectedBy"] = GatewayStage,
                ["recordIndex"] = rejection.RecordIndex,
                ["ssid"] = rejection.Ssid,
                ["violations"] = new JsonArray(rejection.Violations
                    .Select(violation => (JsonNode)new JsonObject { ["field"] = violation.Field, ["description"] = violation.Description })
                    .ToArray()),
            });
        }

        return new JsonObject
        {
            ["dryRun"] = outcome.DryRun,
            ["schoolYear"] = outcome.Administration.SchoolYear,
            ["assessment"] = CommonOptions.Name(outcome.Administration.Assessment),
            ["mode"] = ModeName(outcome.Mode),
            ["idempotencyKey"] = outcome.IdempotencyKey,
            ["uploadId"] = outcome.Upload?.UploadId,
            ["rosterVersion"] = outcome.Upload?.RosterVersion,
            ["files"] = new JsonArray(outcome.Import.Files.Select(file => (JsonNode)new JsonObject
            {
                ["file"] = file.File,
                ["dataRows"] = file.DataRows,
                ["imported"] = file.Imported,
                ["merged"] = file.Merged,
                ["referenced"] = file.Referenced,
                ["rejected"] = file.Rejected,
            }).ToArray()),
            ["recordsSent"] = outcome.DryRun ? 0 : outcome.RecordCount,
            ["recordsValid"] = outcome.RecordCount,
            ["stored"] = outcome.Upload?.AcceptedCount,
            ["unchanged"] = outcome.Upload?.UnchangedCount,
            ["removed"] = outcome.Upload?.RemovedCount,
            ["rejectedCount"] = outcome.RejectedCount,
            ["rejected"] = rejected,
        };
    }

    private static string ModeName(UploadMode mode) => mode switch
    {
        UploadMode.Full => "full",
        UploadMode.Delta => "delta",
        _ => mode.ToString(),
    };

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
