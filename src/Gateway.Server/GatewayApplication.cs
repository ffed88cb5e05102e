using System.Net;
using Gateway.Server.Auth;
using Gateway.Server.Feed;
using Gateway.Server.Health;
using Gateway.Server.Orders;
using Gateway.Server.Pricing;
using Gateway.Server.Roster;
using Gateway.Server.Rpc;
using Gateway.Server.ScaleOut;
using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Server;

/// <summary>
/// Builds the gateway host. <c>Program</c> and the integration tests call the same method, so the
/// tests run the real pipeline.
/// </summary>
public static partial class GatewayApplication
{
    /// <summary>
    /// Builds the application from the command line and configuration. <paramref name="configure"/>
    /// runs after the defaults and before services are registered, so tests can add configuration
    /// and replace singletons such as <see cref="TimeProvider"/>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json sits next to the binary, so the gateway finds it from any working
        // directory; relative data folders still resolve against the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(ParseEndPoint(gateway.GrpcUrl, nameof(GatewayOptions.GrpcUrl)), o => o.Protocols = HttpProtocols.Http2);
            if (!string.IsNullOrWhiteSpace(gateway.HttpUrl))
            {
                kestrel.Listen(ParseEndPoint(gateway.HttpUrl, nameof(GatewayOptions.HttpUrl)), o => o.Protocols = HttpProtocols.Http1);
            }
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        // A quote of a long explicit selection carries every SSID twice (selection and
        // exclusions, about 75 bytes per SSID not on the roster), beyond the default 1 MB.
        builder.Services.AddHybridCache(o => o.MaximumPayloadBytes = 32 * 1024 * 1024);
        var sharesRedis = builder.Services.AddGatewayRedis(builder.Configuration);
        builder.Services.AddGatewayStorage(builder.Configuration);
        if (!sharesRedis)
        {
            // With Redis, AddGatewayRedis keeps the key ring there so that every replica shares it.
            AddDataProtection(builder);
        }

        builder.AddGatewayAuth();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddRosterFeature(builder.Configuration);
        builder.Services.AddPricingFeature(builder.Configuration);
        builder.Services.AddLinkFeedFeature();
        builder.Services.AddOrdersFeature();

        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<DependencyUnavailableInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGatewayHealthChecks(builder.Configuration);

        var app = builder.Build();
        if (gateway.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        app.Use(TokenEndpoint.RejectUnreadableFormAsync);
        app.UseAuthentication();
        app.UseMiddleware<DependencyUnavailableMiddleware>();
        app.UseMiddleware<ActiveClientMiddleware>();
        app.UseAuthorization();

        app.MapPost(TokenEndpoint.Path, TokenEndpoint.HandleAsync);
        app.MapGrpcReflectionService();
        app.MapGatewayHealthChecks();
        app.MapRosterFeature();
        app.MapPricingFeature();
        app.MapLinkFeedFeature();
        app.MapOrdersFeature();

        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    // Data-protection keys protect resume tokens and other short-lived values; keeping them in
    // the data folder lets them survive a restart.
    private static void AddDataProtection(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var folder = Path.Combine(Path.GetFullPath(storage.DataDirectory), "keys", "data-protection");
        builder.Services.AddDataProtection()
            .SetApplicationName("ssr-gateway")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
    }

    private static IPEndPoint ParseEndPoint(string url, string setting)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"Gateway:{setting} '{url}' is not an http:// URL with a host and port.");
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => ip,
            _ => throw new InvalidOperationException($"Gateway:{setting} host '{uri.Host}' must be an IP address or localhost."),
        };
        return new IPEndPoint(address, uri.Port);
    }

    private static void LogStarted(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var storage = app.Services.GetRequiredService<StorageOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Server");
        Log.Listening(logger, string.Join(", ", addresses), storage.Provider, Path.GetFullPath(storage.DataDirectory));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "Listening", Level = LogLevel.Information,
            Message = "Gateway listening on {Addresses} (gRPC on the HTTP/2 address; the token endpoint and health on every address); storage {Provider}, data folder {DataDirectory}")]
        public static partial void Listening(ILogger logger, string addresses, string provider, string dataDirectory);
    }
}
