using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Notifications.Inbox.ListMyNotifications;
using Province.Modules.Notifications.Inbox.MarkRead;

namespace Province.Modules.Notifications;

/// <summary>The signed-in citizen's inbox.</summary>
internal sealed class NotificationInboxEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications - công dân");
        notifications.MapListMyNotifications();
        notifications.MapMarkRead();
    }
}
