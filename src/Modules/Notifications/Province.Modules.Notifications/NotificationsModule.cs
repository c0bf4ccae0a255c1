using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications;

/// <summary>Notifications: the citizen's in-app inbox, fed by other modules' integration events.</summary>
public sealed class NotificationsModule : IModuleRegistration
{
    public string Name => "Notifications";

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(NotificationInboxEndpoints)];

    /// <summary>Notifications consumes other modules' events; it sends no request but needs citizens authenticated.</summary>
    public IReadOnlyList<Type> RequiredRequests { get; } = [typeof(AuthenticateCitizen)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<INotificationsStore>(configuration, INotificationsStore.SchemaName, integrationEvents: null, INotificationsStore.Configure);
        services.AddHandlersFrom(typeof(NotificationsModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(NotificationsModule).Assembly, includeInternalTypes: true);
    }
}
