using System.Reflection;
using Province.BackOffice.Shell;

namespace Province.Modules.Dossiers;

/// <summary>The module's staff pages (folder BackOffice/): the agency's queue, the dossier page with its actions, the working calendar and the catalog import (administrators).</summary>
public sealed partial class DossiersModule : IBackOfficeModule
{
    public Assembly PagesAssembly => typeof(DossiersModule).Assembly;

    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Hồ sơ thủ tục", "Hàng đợi hồ sơ", "/staff/dossiers", MenuAudience.Staff, 100),
        new("Quản trị", "Lịch nghỉ lễ, ngày làm việc", "/staff/administration/calendar", MenuAudience.Administrator, 930),
        new("Quản trị", "Đồng bộ danh mục thủ tục", "/staff/administration/catalog", MenuAudience.Administrator, 940),
    ];
}
