namespace Gateway.Cli.Tests.Infrastructure;

/// <summary>The outcome of one in-process <c>gatewayctl</c> run.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>gatewayctl</c> through its entry point with captured output and a given environment.</summary>
public static class CliRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(environment, CancellationToken.None, args);

    /// <summary>Runs with a token that plays the part of Ctrl+C.</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] args) =>
        RunAsync(environment, outputRedirected: true, cancellationToken, args);

    /// <summary>Runs as if on a terminal when <paramref name="outputRedirected"/> is false, which draws progress bars.</summary>
    public static async Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string>? environment, bool outputRedirected, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            Environment = environment ?? new Dictionary<string, string>(),
            IsOutputRedirected = outputRedirected,
            IsErrorRedirected = outputRedirected,
        };

        var exitCode = await GatewayCli.RunAsync(args, context, cancellationToken).WaitAsync(Timeout);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}
