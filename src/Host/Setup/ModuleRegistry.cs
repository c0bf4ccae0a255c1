using Carter;
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
    public static IReadOnlyList<IModuleRegistration> All { get; } =
    [
        new IdentityModule(),
        new NotificationsModule(),
        new DossiersModule(),
        new AppointmentsModule(),
        new FieldReportsModule(),
    ];

    public static IReadOnlyList<IModuleRegistration> Enabled(IConfiguration configuration) =>
        [.. All.Where(module => configuration.GetValue($"Modules:{module.Name}:Enabled", true))];

    /// <summary>
    /// The enabled modules' services, and Carter with exactly their Carter modules. Carter is told every
    /// type it registers, because its own scan of the application's assemblies would also find what a
    /// switched-off module holds; validators are each module's (FluentValidation's AddValidatorsFromAssembly).
    /// </summary>
    public static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = Enabled(configuration);
        foreach (var module in enabled)
        {
            module.AddServices(services, configuration);
        }

        Type[] carterModules = [.. enabled.SelectMany(module => module.CarterModules)];
        // Carter reads the assemblies it is given instead of the application's dependency context; the host's own
        // keeps the list from being empty, which would send Carter back to the dependency context.
        var assemblies = new DependencyContextAssemblyCatalog([typeof(ModuleRegistry).Assembly, .. enabled.Select(module => module.GetType().Assembly)]);
        services.AddCarter(assemblies, carter =>
        {
            // An empty WithModules would fall back to Carter's scan, so "none" is said as such.
            if (carterModules.Length == 0)
            {
                carter.WithEmptyModules();
            }
            else
            {
                carter.WithModules(carterModules);
            }

            carter.WithEmptyValidators().WithEmptyResponseNegotiators();
        });
        return services;
    }

    /// <summary>
    /// Fails start-up, naming the contract and the module that needs it, when an enabled module sends a
    /// request no registered handler answers (e.g. Dossiers' GetCitizenProfile with Identity switched off).
    /// </summary>
    public static void EnsureRequiredRequestsAnswered(this IServiceProvider services, IConfiguration configuration)
    {
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        var missing = (
            from module in Enabled(configuration)
            from request in module.RequiredRequests
            let handler = HandlerOf(request)
            where !registered.IsService(handler)
            select $"{module.Name} needs {request.FullName} answered ({request.Assembly.GetName().Name})").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Province cannot start: a module needs a contract that no enabled module answers. Enable the module that answers it, " +
                "or register a handler of your own: " + string.Join("; ", missing) + ".");
        }
    }

    private static Type HandlerOf(Type request)
    {
        var response = request.GetInterfaces()
            .Single(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>))
            .GetGenericArguments()[0];
        return typeof(MediatR.IRequestHandler<,>).MakeGenericType(request, response);
    }

    /// <summary>Maps the endpoints of the Carter modules <see cref="AddModules"/> registered, in the list's order.</summary>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder endpoints) => endpoints.MapCarter();
}
