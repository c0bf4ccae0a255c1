using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Notifications.Inbox.ListMyNotifications;
using Province.Modules.Notifications.Inbox.MarkRead;
using Province.Modules.Notifications.ZaloMessages.Deliveries;
using Province.Modules.Notifications.ZaloMessages.Preferences;
using Province.Modules.Notifications.ZaloMessages.Resending;

namespace Province.Modules.Notifications;

/// <summary>The signed-in citizen's inbox.</summary>
internal sealed class NotificationInboxEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications - công dân");
        notifications.MapListMyNotifications();
        notifications.MapMarkRead();
        notifications.MapZaloPreferences();
    }
}

/// <summary>Administrators: how Zalo messages are delivered.</summary>
internal sealed class ZaloMessageStaffEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/notifications").WithTags("Notifications - cán bộ");
        staff.MapZaloDeliveries();
        staff.MapResendZaloMessage();
    }
}
