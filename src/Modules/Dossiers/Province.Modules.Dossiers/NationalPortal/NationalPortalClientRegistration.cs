using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Dossiers.NationalPortal;

internal static class NationalPortalClientRegistration
{
    /// <summary>
    /// The Refit client of the portal's adapter at <see cref="NationalPortalOptions.BaseUrl"/>, behind the standard
    /// resilience pipeline (settings <c>NationalPortal:Resilience</c>), and <see cref="INationalPortalClient"/> over it
    /// with the session every call shares.
    /// </summary>
    public static IServiceCollection AddNationalPortalClient(this IServiceCollection services)
    {
        services.AddSingleton<NationalPortalSession>();
        // The source-generated client: Refit 16 builds AddRefitClient's by reflection, from a package (Refit.Reflection) not served here.
        services.AddRefitGeneratedClient<INationalPortalApi>()
            .ForExternalSystem<NationalPortalOptions>(options => options.BaseUrl, options => options.Resilience);
        services.AddScoped<INationalPortalClient, NationalPortalClient>();
        return services;
    }
}
