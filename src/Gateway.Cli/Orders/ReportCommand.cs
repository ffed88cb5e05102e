using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Globalization;
using Gateway.Cli.Admin;
using Gateway.Cli.Output;
using Gateway.Cli.Remote;
using Spectre.Console;
using SsrGateway.V1;

namespace Gateway.Cli.Orders;

/// <summary><c>gatewayctl report</c>: the LEA's distribution report, per school and in total.</summary>
internal static class ReportCommand
{
    private static readonly string[] Headers =
        ["school_cds_code", "students_ordered", "sets", "texted_links", "links_published", "links_available", "links_written", "links_failed", "failure_reasons"];

    public static Command Build(CliContext context)
    {
        var schoolYear = CommonOptions.SchoolYear();
        var assessment = CommonOptions.Assessment();
        var csv = new Option<bool>("--csv") { Description = "Write CSV (one row per school, then the total) instead of a table." };
        var connection = new ConnectionOptions();
        var command = new Command("report", "Show how many links were ordered, published, written and failed, per school.") { schoolYear, assessment, csv };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var request = new GetDistributionReportRequest
            {
                Administration = CommonOptions.ParseAdministration(parseResult.GetRequiredValue(schoolYear), parseResult.GetRequiredValue(assessment)),
            };
            await using var gateway = await CommonOptions.ConnectAsync(connection.Resolve(parseResult, context), [GatewayScopes.OrdersRead], cancellationToken);
            var response = await new OrderService.OrderServiceClient(gateway.Channel).GetDistributionReportAsync(request, cancellationToken: cancellationToken);
            var rows = response.Report.Schools.Append(response.Report.Total ?? new DistributionFigures()).ToList();

            if (parseResult.GetValue(csv))
            {
                await context.Out.WriteLineAsync(string.Join(',', Headers));
                foreach (var row in rows)
                {
                    await context.Out.WriteLineAsync(string.Join(',', Cells(row).Select(Escape)));
                }

                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("School", "Students ordered", "Sets", "Texted links", "Published", "Available", "Written", "Failed", "Failure reasons");
            foreach (var row in rows)
            {
                table.AddTextRow(Cells(row));
            }

            var console = Terminal.Create(context);
            console.WriteLine($"Distribution report for {request.Administration.SchoolYear} {CommonOptions.Name(request.Administration.Assessment)}");
            console.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] Cells(DistributionFigures row) =>
    [
        row.SchoolCdsCode.Length > 0 ? row.SchoolCdsCode : "total",
        Number(row.StudentsOrdered),
        Number(row.Sets),
        Number(row.TextedLinks),
        Number(row.LinksPublished),
        Number(row.LinksAvailable),
        Number(row.LinksWritten),
        Number(row.LinksFailed),
        string.Join("; ", row.FailureReasons.Select(reason => $"{reason.Reason}: {Number(reason.Count)}")),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Escapes a CSV cell. A cell that starts with =, +, -, @, tab or carriage return gets a leading
    /// single quote, so a spreadsheet shows it as text instead of running it as a formula (the
    /// OWASP advice on CSV injection). A cell that contains a comma, quote or line break is then
    /// quoted (RFC 4180).
    /// </summary>
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
