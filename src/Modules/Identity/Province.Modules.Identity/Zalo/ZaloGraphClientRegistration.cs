using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Identity.Zalo;

internal static class ZaloGraphClientRegistration
{
    /// <summary>
    /// The Refit client of Zalo's Graph API behind the standard resilience pipeline (settings <c>Zalo:Resilience</c>),
    /// and <see cref="IZaloGraphClient"/> over it. The base address is resolved when a client is made, because a relative
    /// <see cref="ZaloOptions.GraphBaseUrl"/> (the simulator) needs this host's listening address, known only once it runs.
    /// </summary>
    public static IServiceCollection AddZaloGraphClient(this IServiceCollection services)
    {
        services.TryAddSingleton<SelfAddress>();
        // The source-generated client: Refit 16 builds AddRefitClient's by reflection, from a package (Refit.Reflection) not served here.
        services.AddRefitGeneratedClient<IZaloGraphApi>()
            .ConfigureHttpClient((provider, http) => http.BaseAddress = provider.GetRequiredService<SelfAddress>()
                .Resolve(provider.GetRequiredService<IOptions<ZaloOptions>>().Value.GraphBaseUrl.TrimEnd('/')))
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) => provider.GetRequiredService<IOptions<ZaloOptions>>().Value.Resilience.ApplyTo(resilience));
        services.AddScoped<IZaloGraphClient, ZaloGraphClient>();
        return services;
    }
}
