namespace Gateway.Cli;

/// <summary>Process exit codes of <c>gatewayctl</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran, but some records were rejected (upload, import, publish).</summary>
    public const int RecordsRejected = 1;

    /// <summary>Invalid command line or unreadable input file.</summary>
    public const int UsageError = 2;

    /// <summary>The gateway, the token endpoint or the store returned an error.</summary>
    public const int ServerError = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT), except for <c>links watch</c>, which exits 0.</summary>
    public const int Cancelled = 130;
}
