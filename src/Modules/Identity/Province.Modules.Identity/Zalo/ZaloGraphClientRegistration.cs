using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Identity.Zalo;

internal static class ZaloGraphClientRegistration
{
    /// <summary>
    /// The Refit client of Zalo's Graph API at <see cref="ZaloOptions.GraphBaseUrl"/>, behind the standard resilience
    /// pipeline (settings <c>Zalo:Resilience</c>), and <see cref="IZaloGraphClient"/> over it.
    /// </summary>
    public static IServiceCollection AddZaloGraphClient(this IServiceCollection services)
    {
        // The source-generated client: Refit 16 builds AddRefitClient's by reflection, from a package (Refit.Reflection) not served here.
        services.AddRefitGeneratedClient<IZaloGraphApi>()
            .ForExternalSystem<ZaloOptions>(options => options.GraphBaseUrl, options => options.Resilience);
        services.AddScoped<IZaloGraphClient, ZaloGraphClient>();
        return services;
    }
}
