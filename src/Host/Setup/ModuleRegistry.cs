using Province.BuildingBlocks.Modules;
using Province.Modules.Appointments;
using Province.Modules.Dossiers;
using Province.Modules.FieldReports;
using Province.Modules.Identity;
using Province.Modules.Notifications;

namespace Province.Host.Setup;

/// <summary>
/// The one list of modules. A module is on unless <c>Modules:{Name}:Enabled</c> is false; a province
/// that takes fewer modules deletes lines here and the matching project references.
/// </summary>
internal static class ModuleRegistry
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new IdentityModule(),
        new NotificationsModule(),
        new DossiersModule(),
        new AppointmentsModule(),
        new FieldReportsModule(),
    ];

    public static IReadOnlyList<IModule> Enabled(IConfiguration configuration) =>
        [.. All.Where(module => configuration.GetValue($"Modules:{module.Name}:Enabled", true))];

    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var module in Enabled(configuration))
        {
            module.AddServices(services, configuration);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        foreach (var module in Enabled(configuration))
        {
            module.MapEndpoints(endpoints);
        }

        return endpoints;
    }
}
