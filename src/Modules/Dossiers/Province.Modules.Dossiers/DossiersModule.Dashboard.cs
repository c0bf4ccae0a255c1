using Province.BackOffice.Shell;
using Province.Modules.Dossiers.BackOffice;

namespace Province.Modules.Dossiers;

/// <summary>The module's panel of the dashboard: dossiers received by channel, on time and late, processing days.</summary>
public sealed partial class DossiersModule : IDashboardModule
{
    public IReadOnlyList<DashboardPanel> DashboardPanels { get; } = [new(typeof(DossiersPanel), 100)];
}
