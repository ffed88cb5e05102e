namespace Gateway.Testing;

/// <summary>Finds the executables of the servers the tests start.</summary>
internal static class ServerBinaries
{
    /// <summary>Returns the full path of <paramref name="name"/> from PATH and the usual install folders.</summary>
    public static string FindOnPath(string name, string package)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);

        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw Missing(name, package);
    }

    /// <summary>
    /// Returns the bin folder of the newest PostgreSQL under /usr/lib/postgresql (the Debian
    /// layout), or the folder of <c>initdb</c> on PATH.
    /// </summary>
    public static string FindPostgresBinFolder()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(folder => Path.Combine(folder, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return Path.GetDirectoryName(FindOnPath("initdb", "postgresql"))!;
    }

    // Both cases fail: a test that needs a server must not pass without one. The message differs
    // only in what to do about it.
    private static InvalidOperationException Missing(string name, string package)
    {
        var onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var advice = onCi
            ? $"CI must install the '{package}' package before the tests run; .ci/run does so with apt-get."
            : $"Install it with 'sudo apt-get install {package}' (Debian/Ubuntu) or run 'bash .ci/run', which installs it.";
        return new InvalidOperationException($"'{name}' was not found on PATH or in /usr/lib/postgresql. {advice}");
    }
}
