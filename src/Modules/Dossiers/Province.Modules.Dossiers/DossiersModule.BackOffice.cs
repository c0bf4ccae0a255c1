using System.Reflection;
using Province.BackOffice.Shell;

namespace Province.Modules.Dossiers;

/// <summary>The module's staff pages (folder BackOffice/): the agency's queue and the dossier page with its actions.</summary>
public sealed partial class DossiersModule : IBackOfficeModule
{
    public Assembly PagesAssembly => typeof(DossiersModule).Assembly;

    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Hồ sơ thủ tục", "Hàng đợi hồ sơ", "/staff/dossiers", MenuAudience.Staff, 100),
    ];
}
