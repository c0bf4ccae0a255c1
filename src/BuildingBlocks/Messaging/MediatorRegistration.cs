using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// Registers MediatR 5.1.0 and a module's handlers by scanning that module's assembly. MediatR's own DI
/// package for 5.x is not installable here, so this is the few lines it would have been. (Validators are
/// registered by FluentValidation's own <c>AddValidatorsFromAssembly</c>.)
/// </summary>
public static class MediatorRegistration
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IPipelineBehavior<,>),
    ];

    public static IServiceCollection AddMediator(this IServiceCollection services)
    {
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        return services;
    }

    /// <summary>Registers every concrete request handler, notification handler and pipeline behavior of <paramref name="assembly"/>.</summary>
    public static IServiceCollection AddHandlersFrom(this IServiceCollection services, Assembly assembly)
    {
        services.AddMediator();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(IsHandlerInterface))
            {
                if (type.IsGenericTypeDefinition)
                {
                    // Open generic pipeline behaviors apply to every request.
                    services.AddTransient(contract.GetGenericTypeDefinition(), type);
                }
                else
                {
                    services.AddTransient(contract, type);
                }
            }
        }

        return services;
    }

    private static bool IsHandlerInterface(Type contract) =>
        contract.IsGenericType && HandlerInterfaces.Contains(contract.GetGenericTypeDefinition());
}
