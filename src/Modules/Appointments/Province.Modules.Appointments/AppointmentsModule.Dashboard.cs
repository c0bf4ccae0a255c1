using Province.BackOffice.Shell;
using Province.Modules.Appointments.BackOffice;

namespace Province.Modules.Appointments;

/// <summary>The module's panel of the dashboard: waiting time at the counters.</summary>
public sealed partial class AppointmentsModule : IDashboardModule
{
    public IReadOnlyList<DashboardPanel> DashboardPanels { get; } = [new(typeof(WaitingPanel), 300)];
}
