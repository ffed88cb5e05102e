namespace Gateway.Cli;

/// <summary>
/// An expected failure of a command: its message is printed without a stack trace and the process
/// exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.UsageError, message);

    public static CliException Server(string message) => new(ExitCodes.ServerError, message);
}
