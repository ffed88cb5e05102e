using Gateway.Domain.Pricing;
using Gateway.Domain.Roster;
using Gateway.Storage.Roster;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Server.Roster;

/// <summary>Registers roster uploads and reads.</summary>
internal static class RosterFeature
{
    /// <summary>
    /// Binds <see cref="LanguageOptions"/> from <c>Gateway:Languages</c> (resolved against the
    /// offered languages of <see cref="PricingOptions"/>) and registers the roster
    /// store, the upload processor and the SQLite bulk writer, unless another
    /// <see cref="IRosterBulkWriter"/> (such as a PostgreSQL one) was registered first.
    /// </summary>
    public static IServiceCollection AddRosterFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LanguageOptions>().Bind(configuration.GetSection(LanguageOptions.SectionName));
        services.AddSingleton(provider => new LanguageCodes(
            provider.GetRequiredService<IOptions<LanguageOptions>>().Value,
            provider.GetRequiredService<IOptions<PricingOptions>>().Value.EffectiveOfferedPrimaryLanguages));
        services.TryAddSingleton<IRosterBulkWriter, SqliteRosterBulkWriter>();
        services.AddScoped<RosterStore>();
        services.AddScoped<RosterUploadProcessor>();
        services.AddOptions<RosterStagingOptions>().BindConfiguration(RosterStagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StagingSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<StagingSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapRosterFeature(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<RosterGrpcService>();
        return endpoints;
    }
}
