using Marten;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Text;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Routing;

/// <summary>
/// Sends a report to the competent agency: routing rules in order, first match wins (an empty
/// category or area matches anything), then the configured fallback agency. Areas are compared
/// folded (no diacritics, lower case), so "Phuong 1" matches "Phường 1".
/// </summary>
internal sealed class ReportRouter(IFieldReportsStore store, IOptions<FieldReportsSettings> settings)
{
    public async Task<Guid?> RouteAsync(Guid categoryId, string? area, CancellationToken cancellationToken)
    {
        var folded = VietnameseText.Fold(area);
        IReadOnlyList<RoutingRule> rules;
        await using (var session = store.QuerySession())
        {
            rules = await session.Query<RoutingRule>().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        }

        var match = rules.FirstOrDefault(r => (r.CategoryId == null || r.CategoryId == categoryId) && (r.Area == null || VietnameseText.Fold(r.Area) == folded));
        return match?.AgencyId ?? settings.Value.FallbackAgencyId;
    }
}
