using System.Globalization;

namespace Province.BackOffice.Shell;

/// <summary>
/// A module that brings panels to the dashboard (<c>/staff/dashboard</c>): figures, charts and CSV links of its own
/// statistics endpoint. Implemented by the module's registration class, beside <see cref="IBackOfficeModule"/>; the shell
/// shows the panels of enabled modules only, each to the audience it names (the module's API decides the figures' scope).
/// </summary>
public interface IDashboardModule
{
    IReadOnlyList<DashboardPanel> DashboardPanels { get; }
}

/// <summary>
/// One panel: a Razor component with a <c>[Parameter] DashboardFilter Filter</c>, placed by <paramref name="Order"/>.
/// </summary>
public sealed record DashboardPanel(Type Component, int Order, MenuAudience Audience = MenuAudience.Staff);

/// <summary>What the dashboard's filter form asks: a range of days (Vietnam dates) and, for administrators, one agency.</summary>
public sealed record DashboardFilter(DateOnly From, DateOnly To, Guid? AgencyId)
{
    /// <summary>The query string a statistics endpoint takes: <c>from=2026-07-01&amp;to=2026-12-01[&amp;agencyId=...]</c>.</summary>
    public string Query =>
        $"from={From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
        + (AgencyId is { } agency ? $"&agencyId={agency}" : string.Empty);

    /// <summary>The back office's download link for a CSV of the API (<see cref="BackOfficeExport"/>).</summary>
    public static string CsvLink(string apiPathAndQuery) => BackOfficeExport.Path + "?api=" + Uri.EscapeDataString(apiPathAndQuery);
}
