using System.Reflection;
using Province.BackOffice.Shell;

namespace Province.Modules.Appointments;

/// <summary>The module's staff pages (folder BackOffice/): offices, the counter console, the hall display and the kiosk.</summary>
public sealed partial class AppointmentsModule : IBackOfficeModule
{
    public Assembly PagesAssembly => typeof(AppointmentsModule).Assembly;

    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Lịch hẹn và lấy số", "Bộ phận một cửa, quầy", "/staff/appointments", MenuAudience.Staff, 200),
        new("Quản trị", "Quản trị bộ phận một cửa, quầy", "/staff/administration/offices", MenuAudience.Administrator, 920),
    ];
}
