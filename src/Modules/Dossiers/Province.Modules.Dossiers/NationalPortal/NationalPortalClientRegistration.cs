using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Dossiers.NationalPortal;

internal static class NationalPortalClientRegistration
{
    /// <summary>
    /// The Refit client of the portal's adapter behind the standard resilience pipeline (settings <c>NationalPortal:Resilience</c>),
    /// and <see cref="INationalPortalClient"/> over it with the session every call shares. The base address is resolved when a
    /// client is made, because a relative <see cref="NationalPortalOptions.BaseUrl"/> (the simulator) needs this host's listening
    /// address, known only once it runs.
    /// </summary>
    public static IServiceCollection AddNationalPortalClient(this IServiceCollection services)
    {
        services.TryAddSingleton<SelfAddress>();
        services.AddSingleton<NationalPortalSession>();
        // The source-generated client: Refit 16 builds AddRefitClient's by reflection, from a package (Refit.Reflection) not served here.
        services.AddRefitGeneratedClient<INationalPortalApi>()
            .ConfigureHttpClient((provider, http) => http.BaseAddress = provider.GetRequiredService<SelfAddress>()
                .Resolve(provider.GetRequiredService<IOptions<NationalPortalOptions>>().Value.BaseUrl.TrimEnd('/')))
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) => provider.GetRequiredService<IOptions<NationalPortalOptions>>().Value.Resilience.ApplyTo(resilience));
        services.AddScoped<INationalPortalClient, NationalPortalClient>();
        return services;
    }
}
