using System.Reflection;
using Province.BackOffice.Shell;

namespace Province.Modules.Notifications;

/// <summary>The module's staff page (folder BackOffice/): how Zalo messages were delivered, and sending one again.</summary>
public sealed partial class NotificationsModule : IBackOfficeModule
{
    public Assembly PagesAssembly => typeof(NotificationsModule).Assembly;

    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Quản trị", "Tin nhắn Zalo", "/staff/administration/zalo-messages", MenuAudience.Administrator, 950),
    ];
}
