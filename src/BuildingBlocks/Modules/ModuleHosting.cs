using Carter;
using MediatR;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Modules;

/// <summary>The modules a host runs: those of its list that <c>Modules:{Name}:Enabled</c> does not switch off.</summary>
public sealed class EnabledModules(IReadOnlyList<IModuleRegistration> modules)
{
    public IReadOnlyList<IModuleRegistration> All { get; } = modules;
}

/// <summary>
/// Registers a host's modules (services and Carter modules), checks at start-up that the contracts they send are
/// answered, and maps their endpoints. The host names its modules in one list; a province taking one module passes
/// a list of one.
/// </summary>
public static class ModuleHosting
{
    /// <summary>
    /// The enabled modules' services, and Carter with exactly their Carter modules. Carter is told every
    /// type it registers, because its own scan of the application's assemblies would also find what a
    /// switched-off module holds; validators are each module's (FluentValidation's AddValidatorsFromAssembly).
    /// </summary>
    public static IServiceCollection AddProvinceModules(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModuleRegistration> modules)
    {
        var enabled = new EnabledModules([.. modules.Where(module => configuration.GetValue($"Modules:{module.Name}:Enabled", true))]);
        services.AddSingleton(enabled);
        foreach (var module in enabled.All)
        {
            module.AddServices(services, configuration);
        }

        Type[] carterModules = [.. enabled.All.SelectMany(module => module.CarterModules)];
        // Carter reads the assemblies it is given instead of the application's dependency context; this assembly
        // keeps the list from being empty, which would send Carter back to the dependency context.
        var assemblies = new DependencyContextAssemblyCatalog([typeof(ModuleHosting).Assembly, .. enabled.All.Select(module => module.GetType().Assembly)]);
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
    public static void EnsureRequiredRequestsAnswered(this IServiceProvider services)
    {
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        var missing = (
            from module in services.GetRequiredService<EnabledModules>().All
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

    /// <summary>Maps the endpoints of the Carter modules <see cref="AddProvinceModules"/> registered, in the list's order.</summary>
    public static IEndpointRouteBuilder MapProvinceModules(this IEndpointRouteBuilder endpoints) => endpoints.MapCarter();

    private static Type HandlerOf(Type request)
    {
        var response = request.GetInterfaces()
            .Single(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequest<>))
            .GetGenericArguments()[0];
        return typeof(IRequestHandler<,>).MakeGenericType(request, response);
    }
}
