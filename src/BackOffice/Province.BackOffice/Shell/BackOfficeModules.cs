using System.Reflection;
using System.Security.Claims;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Shell;

/// <summary>The enabled modules that bring pages: their assemblies (for routing) and the menu a person may see.</summary>
public sealed class BackOfficeModules(EnabledModules enabled)
{
    private readonly IReadOnlyList<IBackOfficeModule> _modules = [.. enabled.All.OfType<IBackOfficeModule>()];

    /// <summary>The page assemblies of the enabled modules (the shell's own is not among them).</summary>
    public IReadOnlyList<Assembly> PageAssemblies => [.. _modules.Select(module => module.PagesAssembly).Distinct()];

    /// <summary>The menu for <paramref name="user"/>, grouped in the order of the entries' groups' first appearance.</summary>
    /// <summary>The dashboard panels <paramref name="user"/> may see, in order.</summary>
    public IReadOnlyList<DashboardPanel> PanelsFor(ClaimsPrincipal user) =>
    [
        .. enabled.All.OfType<IDashboardModule>().SelectMany(module => module.DashboardPanels)
            .Where(panel => panel.Audience == MenuAudience.Staff || user.IsAdministrator())
            .OrderBy(panel => panel.Order),
    ];

    public IReadOnlyList<IGrouping<string, MenuEntry>> MenuFor(ClaimsPrincipal user) =>
    [
        .. _modules.SelectMany(module => module.Menu)
            .Where(entry => entry.Audience == MenuAudience.Staff || user.IsAdministrator())
            .OrderBy(entry => entry.Order)
            .GroupBy(entry => entry.Group),
    ];
}
