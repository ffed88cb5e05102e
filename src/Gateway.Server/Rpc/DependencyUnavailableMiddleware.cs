namespace Gateway.Server.Rpc;

/// <summary>
/// Returns HTTP 503 when the database is unreachable in a step before a gRPC service runs (the
/// per-request client check, the token endpoint). gRPC clients map 503 to UNAVAILABLE, the same
/// status <see cref="DependencyUnavailableInterceptor"/> gives inside a service.
/// </summary>
internal sealed class DependencyUnavailableMiddleware(RequestDelegate next, ILogger<DependencyUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DependencyUnavailableInterceptor.IsDatabaseUnavailable(ex) && !context.Response.HasStarted)
        {
            DependencyLog.DatabaseUnavailable(logger, context.Request.Path, ex);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
        }
    }
}
