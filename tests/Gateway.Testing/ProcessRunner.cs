using System.Diagnostics;
using System.Text;

namespace Gateway.Testing;

internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="executable"/> to completion and returns its output. When
    /// <paramref name="runAs"/> is set and this process is root, runs it as that user through
    /// <c>runuser</c>. Throws when it exits non-zero or runs longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout, string? runAs = null)
    {
        using var process = new Process { StartInfo = CreateStartInfo(executable, arguments, runAs) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(process.StartInfo)}' did not finish within {timeout.TotalSeconds} s. Output:\n{Read(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Describe(process.StartInfo)}' failed with exit code {process.ExitCode}. Output:\n{Read(output)}");
        }

        return Read(output);
    }

    /// <summary>Builds start information that redirects output and, for root, switches user.</summary>
    public static ProcessStartInfo CreateStartInfo(string executable, IEnumerable<string> arguments, string? runAs)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };

        if (runAs is not null && Environment.IsPrivilegedProcess)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAs);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(executable);
        }
        else
        {
            startInfo.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    public static string Describe(ProcessStartInfo startInfo) =>
        string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
