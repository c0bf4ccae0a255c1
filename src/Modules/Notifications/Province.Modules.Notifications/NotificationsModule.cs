using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;
using Province.Modules.Notifications.ZaloMessages.Sending;

namespace Province.Modules.Notifications;

/// <summary>Notifications: the citizen's in-app inbox, fed by other modules' integration events.</summary>
public sealed partial class NotificationsModule : IModuleRegistration
{
    public string Name => "Notifications";

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(NotificationInboxEndpoints), typeof(ZaloMessageStaffEndpoints)];

    /// <summary>Notifications consumes other modules' events; it needs citizens authenticated and, for Zalo messages, their verified phone.</summary>
    public IReadOnlyList<Type> RequiredRequests { get; } = [typeof(AuthenticateCitizen), typeof(GetCitizenProfile)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<INotificationsStore>(configuration, INotificationsStore.SchemaName, integrationEvents: null, INotificationsStore.Configure);
        services.AddHandlersFrom(typeof(NotificationsModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(NotificationsModule).Assembly, includeInternalTypes: true);

        // Zalo template messages (ZNS): queued with the inbox entry, sent in the background when the province turned them on.
        services.Configure<ZaloMessagesOptions>(configuration.GetSection(ZaloMessagesOptions.Section));
        services.AddSingleton<ZaloMessageQueue>();
        services.AddSingleton<OfficialAccountTokens>();
        services.AddZaloBusinessApis();
        services.AddSingleton<ZaloMessageSender>();
        if (configuration.GetValue($"{ZaloMessagesOptions.Section}:Enabled", false))
        {
            services.AddHostedService(provider => provider.GetRequiredService<ZaloMessageSender>());
        }
    }
}
