using System.CommandLine;

namespace Gateway.Cli.Links;

/// <summary><c>gatewayctl links publish|watch</c>.</summary>
internal static class LinksCommands
{
    public static Command Build(CliContext context)
    {
        var command = new Command("links", "Publish video links (vendor) and follow the link feed (SIS).");
        command.Add(PublishCommand.Build(context));
        command.Add(WatchCommand.Build(context));
        return command;
    }
}
