using System.CommandLine;
using System.Text.Json.Nodes;
using Gateway.Cli.Output;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Gateway.Cli.Admin;

/// <summary><c>gatewayctl lea add|list</c>: LEA tenants, written to the store directly.</summary>
internal static class LeaCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("lea", "Manage LEA tenants (school districts and charters) in the gateway's store.");
        command.Add(BuildAdd(context));
        command.Add(BuildList(context));
        return command;
    }

    private static Command BuildAdd(CliContext context)
    {
        var code = new Argument<string>("CODE") { Description = "14-digit CDS code of the LEA." };
        var name = new Option<string>("--name") { Description = "Name of the LEA.", Required = true };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("add", "Add an LEA.") { code, name, dataDirectory };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            var lea = await tenants.AddLeaAsync(parseResult.GetRequiredValue(code), parseResult.GetRequiredValue(name), cancellationToken);
            await context.Out.WriteLineAsync($"Added LEA {lea.Code} ({lea.Name}).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildList(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("list", "List LEAs by CDS code.") { json, dataDirectory };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var leas = await scope.ServiceProvider.GetRequiredService<TenantAdministration>().ListLeasAsync(cancellationToken);

            if (parseResult.GetValue(json))
            {
                var array = new JsonArray(leas.Select(lea => (JsonNode)new JsonObject
                {
                    ["code"] = lea.Code,
                    ["name"] = lea.Name,
                    ["createTime"] = lea.CreateTime.ToString("O"),
                }).ToArray());
                await Terminal.WriteJsonAsync(context, array);
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Code", "Name", "Created (UTC)");
            foreach (var lea in leas)
            {
                table.AddTextRow(lea.Code, lea.Name, lea.CreateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm"));
            }

            Terminal.Create(context).Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
