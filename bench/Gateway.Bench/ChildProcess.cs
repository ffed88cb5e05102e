using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>Runs this program again in a new process, so each measurement has its own memory peaks.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs the program with <paramref name="arguments"/> and returns its standard output.
    /// Standard error is passed through. Throws when the child exits with a non-zero code.
    /// </summary>
    public static async Task<string> RunSelfAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program's executable is unknown."))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Started as `dotnet Gateway.Bench.dll`, the executable is the dotnet host, which needs the assembly path first.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The child process `{string.Join(' ', arguments)}` failed with exit code {process.ExitCode}; its errors are above.");
        }

        return output;
    }
}
