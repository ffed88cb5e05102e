using System.CommandLine;
using Gateway.Cli.Admin;
using Gateway.Cli.Links;
using Gateway.Cli.Orders;
using Gateway.Cli.Pricing;
using Gateway.Cli.Roster;
using Gateway.Imports;
using Gateway.Storage;
using Grpc.Core;

namespace Gateway.Cli;

/// <summary>The <c>gatewayctl</c> command tree and its error handling.</summary>
public static class GatewayCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(context);
        var parseResult = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}");
            }

            await context.Error.WriteLineAsync("Run 'gatewayctl --help' (or the command with --help) for usage.");
            return ExitCodes.UsageError;
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>Builds the command tree; each action writes through <paramref name="context"/>.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("Administers the Video SSR Gateway and calls it over gRPC as an SIS would.");
        root.Add(LeaCommands.Build(context));
        root.Add(ClientCommands.Build(context));
        root.Add(RosterCommands.Build(context));
        root.Add(QuoteCommand.Build(context));
        root.Add(OrderCommands.Build(context));
        root.Add(LinksCommands.Build(context));
        root.Add(ReportCommand.Build(context));
        return root;
    }

    /// <summary>
    /// Runs a command body and turns expected failures into a printed message and an exit code, so
    /// no stack trace reaches the user for them.
    /// </summary>
    internal static async Task<int> GuardAsync(CliContext context, CancellationToken cancellationToken, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return exception.ExitCode;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (RpcException exception)
        {
            await context.Error.WriteLineAsync(RpcErrorText.Format(exception));
            return ExitCodes.ServerError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (TenancyException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.UsageError;
        }
        catch (ImportFormatException exception)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.UsageError;
        }
        catch (HttpRequestException exception)
        {
            await context.Error.WriteLineAsync($"error: the gateway could not be reached: {exception.Message}");
            return ExitCodes.ServerError;
        }
    }
}
