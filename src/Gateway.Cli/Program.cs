using Gateway.Cli;

return await GatewayCli.RunAsync(args, CliContext.FromProcess());
