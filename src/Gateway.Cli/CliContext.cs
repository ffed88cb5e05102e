using System.Collections;

namespace Gateway.Cli;

/// <summary>
/// The process surroundings of one <c>gatewayctl</c> run: output writers, environment variables
/// and whether standard output is a terminal. Tests pass their own to run the CLI in-process.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Environment variables by name; lookups are case-sensitive, as on Linux.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>True when standard output goes to a file or pipe, which turns off progress bars and colors.</summary>
    public bool IsOutputRedirected { get; init; } = true;

    /// <summary>True when standard error, where progress bars are drawn, goes to a file or pipe; it turns off progress bars.</summary>
    public bool IsErrorRedirected { get; init; } = true;

    /// <summary>Returns the environment variable's value, or null when it is unset or blank.</summary>
    public string? GetEnvironment(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Returns the context of the current process: the console and its environment.</summary>
    public static CliContext FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            Environment = environment,
            IsOutputRedirected = Console.IsOutputRedirected,
            IsErrorRedirected = Console.IsErrorRedirected,
        };
    }
}
