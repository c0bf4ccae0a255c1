using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.Inbox.ListMyNotifications;

namespace Province.Modules.Notifications;

/// <summary>Notifications: the citizen's in-app inbox, fed by other modules' integration events.</summary>
public sealed class NotificationsModule : IModule
{
    public string Name => "Notifications";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<INotificationsStore>(configuration, INotificationsStore.SchemaName, integrationEvents: null, INotificationsStore.Configure);
        services.AddHandlersFrom(typeof(NotificationsModule).Assembly);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var notifications = endpoints.MapGroup("/api/notifications").WithTags("Notifications - công dân");
        notifications.MapListMyNotifications();
    }
}
