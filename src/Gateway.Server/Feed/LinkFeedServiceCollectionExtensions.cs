using Gateway.Server.Fulfillment;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Server.Feed;

/// <summary>Registers the link feed and vendor publishing.</summary>
public static class LinkFeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds the link feed (options from <c>LinkFeed</c>), the in-process
    /// <see cref="ILinkFeedNotifier"/> unless another is registered, history pruning and vendor
    /// publishing (options from <c>Fulfillment</c>).
    /// </summary>
    public static IServiceCollection AddLinkFeedFeature(this IServiceCollection services)
    {
        services.AddOptions<LinkFeedOptions>().BindConfiguration(LinkFeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FulfillmentOptions>().BindConfiguration(FulfillmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ILinkFeedNotifier, InProcessLinkFeedNotifier>();
        services.AddSingleton<ResumeTokens>();
        services.AddScoped<LinkFeedReader>();
        services.AddScoped<LinkFeedStreamer>();
        services.AddScoped<PortalFieldMappings>();
        services.AddScoped<LinkAcknowledgements>();
        services.AddScoped<LinkPublisher>();
        services.AddSingleton<LeaWriteGate>();
        services.AddSingleton<LinkRecordValidator>();
        services.AddSingleton<LinkHistoryPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<LinkHistoryPruner>());
        return services;
    }

    /// <summary>Maps the link feed and fulfillment gRPC services.</summary>
    public static IEndpointRouteBuilder MapLinkFeedFeature(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<LinkFeedGrpcService>();
        endpoints.MapGrpcService<FulfillmentGrpcService>();
        return endpoints;
    }
}
