namespace Gateway.Server;

/// <summary>
/// Builds the gateway host. <c>Program</c> and the integration tests call the same method, so the
/// tests run the real pipeline.
/// </summary>
public static class GatewayApplication
{
    /// <summary>
    /// Builds the application from the command line and configuration. <paramref name="configure"/>
    /// runs after the defaults, before services are registered, so tests can add configuration.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.AddGrpc();

        var app = builder.Build();
        return app;
    }
}
