using Gateway.Domain.Tenancy;
using System.CommandLine;
using Gateway.Cli.Admin;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Gateway.Imports;
using SsrGateway.V1;

namespace Gateway.Cli.Roster;

/// <summary><c>gatewayctl roster upload|import</c>: roster files to <c>RosterService.UploadRoster</c>.</summary>
internal static class RosterCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("roster", "Upload rosters from an ELPAC Student Score Data Extract and guardian contacts.");
        command.Add(BuildUpload(context));
        command.Add(BuildImport(context));
        return command;
    }

    private static Command BuildUpload(CliContext context)
    {
        var extract = new Argument<string>("EXTRACT") { Description = "ELPAC Student Score Data Extract (caret-delimited text file)." };
        var contacts = new Option<string?>("--contacts") { Description = "Contacts CSV: one row per guardian, keyed by SSID or local student id." };
        var options = new UploadOptions(schoolYearRequired: true, modeRequired: true);
        var command = new Command("upload", "Upload the students of an ELPAC extract, with their guardians, to the gateway.") { extract, contacts };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, () =>
        {
            var source = RosterSource.Open(parseResult.GetRequiredValue(extract), parseResult.GetValue(contacts), allowOneRoster: false);
            return RunAsync(context, parseResult, options, source, dryRun: false, cancellationToken);
        }));
        return command;
    }

    private static Command BuildImport(CliContext context)
    {
        var extract = new Option<string>("--elpac") { Description = "ELPAC Student Score Data Extract (caret-delimited text file).", Required = true };
        var contacts = new Option<string?>("--contacts")
        {
            Description = "Guardian contacts: a OneRoster 1.1/1.2 bundle (folder, zip or its manifest.csv) or a plain contacts CSV.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the files and print the summary; upload nothing." };
        var options = new UploadOptions(schoolYearRequired: false, modeRequired: false);
        var command = new Command("import", "Import an ELPAC extract with OneRoster or CSV contacts and upload it, or validate it with --dry-run.")
        {
            extract, contacts, dryRun,
        };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, () =>
        {
            var source = RosterSource.Open(parseResult.GetRequiredValue(extract), parseResult.GetValue(contacts), allowOneRoster: true);
            return RunAsync(context, parseResult, options, source, parseResult.GetValue(dryRun), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, ParseResult parseResult, UploadOptions options, RosterSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var schoolYear = parseResult.GetValue(options.SchoolYear);
        if (schoolYear is null && !dryRun)
        {
            throw CliException.Usage("--school-year is required unless --dry-run is given.");
        }

        var administration = CommonOptions.ParseAdministration(schoolYear ?? CurrentSchoolYear(), parseResult.GetValue(options.Assessment) ?? "summative");
        var mode = ParseMode(parseResult.GetValue(options.Mode) ?? "delta");
        var idempotencyKey = parseResult.GetValue(options.IdempotencyKey)
            ?? source.ComputeIdempotencyKey(administration.SchoolYear, CommonOptions.Name(administration.Assessment), mode.ToString());
        if (idempotencyKey.Length > 128)
        {
            throw CliException.Usage($"--idempotency-key is {idempotencyKey.Length} characters long; the maximum is 128.");
        }

        var import = source.CreateImport(new ElpacExtractOptions { VideoAssessments = new HashSet<ElpacAssessment> { ToImportAssessment(administration.Assessment) } });
        var total = source.CountExtractRows();
        RosterUploadOutcome outcome;
        if (dryRun)
        {
            outcome = await Terminal.RunWithProgressAsync(context, "Validating", total,
                progress => RosterUploader.RunAsync(import, administration, mode, idempotencyKey, client: null, progress, cancellationToken));
        }
        else
        {
            var settings = options.Connection.Resolve(parseResult, context);
            await using var connection = await CommonOptions.ConnectAsync(settings, [GatewayScopes.RosterWrite], cancellationToken);
            var client = new RosterService.RosterServiceClient(connection.Channel);
            outcome = await Terminal.RunWithProgressAsync(context, "Uploading", total,
                progress => RosterUploader.RunAsync(import, administration, mode, idempotencyKey, client, progress, cancellationToken));
        }

        await UploadReport.WriteAsync(context, outcome, parseResult.GetValue(options.Json));
        return outcome.RejectedCount > 0 ? ExitCodes.RecordsRejected : ExitCodes.Success;
    }

    private static UploadMode ParseMode(string mode) => mode switch
    {
        "full" => UploadMode.Full,
        "delta" => UploadMode.Delta,
        _ => throw CliException.Usage($"--mode '{mode}' is invalid: expected full or delta."),
    };

    private static ElpacAssessment ToImportAssessment(SsrGateway.V1.Assessment assessment) =>
        assessment == SsrGateway.V1.Assessment.InitialElpac ? ElpacAssessment.InitialElpac : ElpacAssessment.SummativeElpac;

    /// <summary>Returns the school year of today's date; a school year starts on July 1.</summary>
    private static string CurrentSchoolYear()
    {
        var today = DateTime.Today;
        var start = today.Month >= 7 ? today.Year : today.Year - 1;
        return $"{start}-{(start + 1) % 100:00}";
    }

    /// <summary>The options <c>roster upload</c> and <c>roster import</c> share.</summary>
    private sealed class UploadOptions
    {
        public UploadOptions(bool schoolYearRequired, bool modeRequired)
        {
            SchoolYear = CommonOptions.SchoolYear(schoolYearRequired);
            Assessment = CommonOptions.Assessment(required: schoolYearRequired);
            if (!schoolYearRequired)
            {
                Assessment.Description += " Default: summative.";
            }

            Mode = new Option<string>("--mode")
            {
                Description = "full replaces the administration's whole roster; delta inserts and updates students." + (modeRequired ? string.Empty : " Default: delta."),
                Required = modeRequired,
            };
            Mode.AcceptOnlyFromAmong("full", "delta");
        }

        public Option<string> SchoolYear { get; }

        public Option<string> Assessment { get; }

        public Option<string> Mode { get; }

        public Option<string?> IdempotencyKey { get; } = new("--idempotency-key")
        {
            Description = "Key that makes a retried upload a no-op, at most 128 characters. Default: a hash of the file contents and options.",
        };

        public Option<bool> Json { get; } = CommonOptions.Json();

        public ConnectionOptions Connection { get; } = new();

        public void AddTo(Command command)
        {
            command.Add(SchoolYear);
            command.Add(Assessment);
            command.Add(Mode);
            command.Add(IdempotencyKey);
            command.Add(Json);
            Connection.AddTo(command);
        }
    }
}
