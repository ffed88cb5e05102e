using Gateway.Domain.Tenancy;
using System.CommandLine;
using System.Text.Json.Nodes;
using Gateway.Cli.Output;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Gateway.Cli.Admin;

/// <summary><c>gatewayctl client add|list|revoke|rotate-secret</c>: OAuth clients of SIS vendors.</summary>
internal static class ClientCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("client", "Manage API clients (OAuth 2.0 client credentials) in the gateway's store.");
        command.Add(BuildAdd(context));
        command.Add(BuildList(context));
        command.Add(BuildRevoke(context));
        command.Add(BuildRotateSecret(context));
        return command;
    }

    private static Command BuildAdd(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Display name, for example the SIS vendor.", Required = true };
        var leas = new Option<string[]>("--lea")
        {
            Description = "CDS code of an LEA the client may get tokens for; repeat for several. Omit only for a client with fulfillment.publish alone.",
        };
        var scopes = new Option<string[]>("--scope")
        {
            Description = $"Scope the client may request; repeat for several. Known: {string.Join(", ", GatewayScopes.All)}.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("add", "Register a client and print its id and secret once.") { name, leas, scopes, json, dataDirectory };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            var leaCodes = parseResult.GetValue(leas) ?? [];
            var scopeNames = SplitScopes(parseResult.GetValue(scopes) ?? []);
            if (leaCodes.Length == 0 && scopeNames.Any(scope => scope != GatewayScopes.FulfillmentPublish))
            {
                throw CliException.Usage($"--lea is required: every scope except {GatewayScopes.FulfillmentPublish} is used with a token bound to one LEA.");
            }

            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            var credentials = await tenants.AddClientAsync(
                parseResult.GetRequiredValue(name), leaCodes, scopeNames, GatewayScopes.All.ToList(), cancellationToken);
            await WriteCredentialsAsync(context, credentials, parseResult.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildList(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("list", "List clients with their LEAs and scopes, revoked ones included. Secrets are never shown.") { json, dataDirectory };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var clients = await scope.ServiceProvider.GetRequiredService<TenantAdministration>().ListClientsAsync(cancellationToken);

            if (parseResult.GetValue(json))
            {
                await Terminal.WriteJsonAsync(context, new JsonArray(clients.Select(ToJson).ToArray()));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Client id", "Name", "LEAs", "Scopes", "Created (UTC)", "Revoked (UTC)");
            foreach (var client in clients)
            {
                table.AddTextRow(
                    client.ClientId,
                    client.DisplayName,
                    string.Join(' ', client.LeaCodes),
                    string.Join(' ', client.Scopes),
                    client.CreateTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm"),
                    client.RevokeTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm") ?? string.Empty);
            }

            Terminal.Create(context).Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildRevoke(CliContext context)
    {
        var clientId = new Argument<string>("ID") { Description = "Client id to revoke." };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("revoke", "Revoke a client: it gets no new tokens and the tokens it holds stop working.") { clientId, dataDirectory };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var id = parseResult.GetRequiredValue(clientId);
            await scope.ServiceProvider.GetRequiredService<TenantAdministration>().RevokeClientAsync(id, cancellationToken);
            await context.Out.WriteLineAsync($"Revoked client {id}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildRotateSecret(CliContext context)
    {
        var clientId = new Argument<string>("ID") { Description = "Client id whose secret is replaced." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var dataDirectory = AdminStore.CreateDataDirectoryOption();
        var command = new Command("rotate-secret", "Replace a client's secret and print the new one once; the old one stops working at once.")
        {
            clientId, json, dataDirectory,
        };
        command.SetAction((parseResult, cancellationToken) => GatewayCli.GuardAsync(context, cancellationToken, async () =>
        {
            await using var store = await AdminStore.OpenAsync(context, parseResult.GetValue(dataDirectory), cancellationToken);
            await using var scope = store.CreateAsyncScope();
            var tenants = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            var credentials = await tenants.RotateSecretAsync(parseResult.GetRequiredValue(clientId), cancellationToken);
            await WriteCredentialsAsync(context, credentials, parseResult.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Accepts scopes repeated or space-separated in one value, as OAuth writes them.</summary>
    private static List<string> SplitScopes(IEnumerable<string> values) =>
        values.SelectMany(value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static async Task WriteCredentialsAsync(CliContext context, ClientCredentials credentials, bool json)
    {
        const string Warning = "Store the secret now: the gateway keeps only a hash of it and cannot show it again.";
        if (json)
        {
            await Terminal.WriteJsonAsync(context, new JsonObject
            {
                ["clientId"] = credentials.ClientId,
                ["clientSecret"] = credentials.ClientSecret,
            });
            await context.Error.WriteLineAsync($"warning: {Warning}");
            return;
        }

        await context.Out.WriteLineAsync($"Client id:     {credentials.ClientId}");
        await context.Out.WriteLineAsync($"Client secret: {credentials.ClientSecret}");
        await context.Error.WriteLineAsync($"warning: {Warning}");
    }

    private static JsonNode ToJson(ClientSummary client) => new JsonObject
    {
        ["clientId"] = client.ClientId,
        ["name"] = client.DisplayName,
        ["leas"] = new JsonArray(client.LeaCodes.Select(code => (JsonNode)code).ToArray()),
        ["scopes"] = new JsonArray(client.Scopes.Select(scope => (JsonNode)scope).ToArray()),
        ["createTime"] = client.CreateTime.ToString("O"),
        ["revokeTime"] = client.RevokeTime?.ToString("O"),
    };
}
