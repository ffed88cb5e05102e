using System.Diagnostics;

namespace Gateway.Cli.Tests;

/// <summary>Runs the built gatewayctl.dll as its own process, as an operator would.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_ExitsWithSuccess()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("roster", output);
        Assert.Contains("links", output);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageError()
    {
        var (exitCode, _, error) = await RunAsync("lea", "list", "--no-such-option");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains("--no-such-option", error);
    }

    [Fact]
    public async Task UnreachableGateway_ExitsWithServerError()
    {
        // Port 9 (discard) on loopback has no listener, so the connection is refused at once.
        var (exitCode, _, error) = await RunAsync(
            "quote", "--school-year", "2025-26", "--assessment", "summative", "--gateway", "http://127.0.0.1:9",
            "--client-id", "sis-x", "--client-secret", "not-printed", "--lea", "19647330000000");

        Assert.Equal(ExitCodes.ServerError, exitCode);
        Assert.Contains("could not be reached", error);
        Assert.DoesNotContain("not-printed", error);
        Assert.DoesNotContain("   at ", error);
    }

    /// <summary>
    /// Returns the CLI's own build output. The copy in this test's folder cannot run alone because
    /// the test project resolves some assemblies from the ASP.NET Core shared framework instead.
    /// </summary>
    private static string CliAssemblyPath()
    {
        var testFolder = Path.Combine("tests", "Gateway.Cli.Tests") + Path.DirectorySeparatorChar;
        var cliFolder = Path.Combine("src", "Gateway.Cli") + Path.DirectorySeparatorChar;
        var path = Path.Combine(AppContext.BaseDirectory.Replace(testFolder, cliFolder, StringComparison.Ordinal), "gatewayctl.dll");
        Assert.True(File.Exists(path), $"gatewayctl.dll not found at {path}; build src/Gateway.Cli first.");
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssemblyPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await output, await error);
    }
}
