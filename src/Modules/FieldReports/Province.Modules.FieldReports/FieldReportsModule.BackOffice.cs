using System.Reflection;
using Province.BackOffice.Shell;

namespace Province.Modules.FieldReports;

/// <summary>
/// The module's staff pages (folder BackOffice/): the agency's report queue with its map, the report page with its
/// actions, hỏi đáp, and for administrators the categories and routing rules.
/// </summary>
public sealed partial class FieldReportsModule : IBackOfficeModule
{
    public Assembly PagesAssembly => typeof(FieldReportsModule).Assembly;

    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Phản ánh, kiến nghị", "Hàng đợi phản ánh", "/staff/field-reports", MenuAudience.Staff, 150),
        new("Phản ánh, kiến nghị", "Hỏi đáp", "/staff/field-reports/questions", MenuAudience.Staff, 160),
        new("Quản trị", "Lĩnh vực phản ánh", "/staff/field-reports/categories", MenuAudience.Administrator, 920),
        new("Quản trị", "Quy tắc chuyển phản ánh", "/staff/field-reports/routing-rules", MenuAudience.Administrator, 930),
    ];
}
