using Gateway.Domain.Pricing;
using Gateway.Storage.Pricing;

namespace Gateway.Server.Pricing;

/// <summary>Registers set pricing and quotes.</summary>
internal static class PricingFeature
{
    /// <summary>Binds <see cref="PricingOptions"/> from <c>Gateway:Pricing</c> and registers <see cref="QuoteService"/> with its store.</summary>
    public static IServiceCollection AddPricingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PricingOptions>()
            .Bind(configuration.GetSection(PricingOptions.SectionName))
            .Validate(o => o.SetPrice >= 0 && o.TextedLinkPrice >= 0, "Gateway:Pricing prices must not be negative")
            .Validate(o => o.QuoteLifetime > TimeSpan.Zero, "Gateway:Pricing:QuoteLifetime must be positive")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.OrderWindowTimeZone, out _), "Gateway:Pricing:OrderWindowTimeZone is not a known time zone")
            .ValidateOnStart();
        services.AddScoped<QuoteStore>();
        services.AddScoped<QuoteService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPricingFeature(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<PricingGrpcService>();
        return endpoints;
    }
}
