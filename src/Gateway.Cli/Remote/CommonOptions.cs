using System.CommandLine;
using Gateway.Domain;
using SsrGateway.V1;

namespace Gateway.Cli.Remote;

/// <summary>Options shared by roster, pricing and report commands, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string> SchoolYear(bool required = true) => new("--school-year")
    {
        Description = "School year of the administration, for example 2025-26.",
        Required = required,
    };

    public static Option<string> Assessment(bool required = true)
    {
        var option = new Option<string>("--assessment")
        {
            Description = "ELPAC assessment: summative or initial.",
            Required = required,
        };
        option.AcceptOnlyFromAmong("summative", "initial");
        return option;
    }

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of text." };

    /// <summary>Builds the contract's administration; throws a usage error for a malformed school year.</summary>
    public static SsrGateway.V1.Administration ParseAdministration(string schoolYear, string assessment)
    {
        if (!Domain.Administration.TryParseSchoolYear(schoolYear, out var normalized, out var error))
        {
            throw CliException.Usage($"--school-year '{schoolYear}' is invalid: {error}");
        }

        return new SsrGateway.V1.Administration { SchoolYear = normalized, Assessment = ParseAssessment(assessment) };
    }

    public static SsrGateway.V1.Assessment ParseAssessment(string assessment) => assessment switch
    {
        "summative" => SsrGateway.V1.Assessment.SummativeElpac,
        "initial" => SsrGateway.V1.Assessment.InitialElpac,
        _ => throw CliException.Usage($"--assessment '{assessment}' is invalid: expected summative or initial."),
    };

    /// <summary>Returns the lower-case name the command line uses for an assessment.</summary>
    public static string Name(SsrGateway.V1.Assessment assessment) => assessment switch
    {
        SsrGateway.V1.Assessment.SummativeElpac => "summative",
        SsrGateway.V1.Assessment.InitialElpac => "initial",
        _ => assessment.ToString(),
    };

    /// <summary>Creates the connection and requests the first token, so a rejected client fails before any data is read.</summary>
    public static async Task<GatewayConnection> ConnectAsync(GatewaySettings settings, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var connection = new GatewayConnection(settings, scopes);
        try
        {
            await connection.GetAccessTokenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
