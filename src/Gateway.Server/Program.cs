using Gateway.Server;

var app = GatewayApplication.Build(args);
await app.RunAsync();
