using Province.BackOffice.Shell;
using Province.Modules.FieldReports.BackOffice;

namespace Province.Modules.FieldReports;

/// <summary>The module's panel of the dashboard: reports by category, response time and ratings.</summary>
public sealed partial class FieldReportsModule : IDashboardModule
{
    public IReadOnlyList<DashboardPanel> DashboardPanels { get; } = [new(typeof(FieldReportsPanel), 200)];
}
