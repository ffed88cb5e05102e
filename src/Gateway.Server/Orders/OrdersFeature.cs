namespace Gateway.Server.Orders;

/// <summary>Registers orders and the distribution report.</summary>
internal static class OrdersFeature
{
    public static IServiceCollection AddOrdersFeature(this IServiceCollection services)
    {
        services.AddScoped<OrderWindowGuard>();
        services.AddScoped<OrderPlacement>();
        services.AddScoped<OrderCancellation>();
        services.AddScoped<DistributionReportBuilder>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrdersFeature(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OrderGrpcService>();
        return endpoints;
    }
}
