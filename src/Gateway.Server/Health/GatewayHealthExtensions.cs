using Gateway.Server.ScaleOut;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Server.Health;

/// <summary>
/// Health endpoints for load balancers and orchestrators: <c>/health/live</c> answers while the
/// process runs, <c>/health/ready</c> and the standard gRPC health service (service name "")
/// report Unhealthy while the database is unreachable. Redis only degrades them.
/// </summary>
public static class GatewayHealthExtensions
{
    /// <summary>Tag of the checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisScaleOutExtensions.ConnectionStringName)))
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ReadyTag]);
        }

        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", registration => registration.Tags.Contains(ReadyTag));
        });
        return services;
    }

    public static WebApplication MapGatewayHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = registration => registration.Tags.Contains(ReadyTag) });
        app.MapGrpcHealthChecksService();
        return app;
    }
}
