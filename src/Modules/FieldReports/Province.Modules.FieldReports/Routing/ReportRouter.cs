using MediatR;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Text;
using Province.Modules.FieldReports.Categories;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.Routing;

/// <summary>
/// Sends a report to the competent agency: routing rules in order, first match wins (an empty
/// category or area matches anything), then the configured fallback agency. Areas are compared
/// folded (no diacritics, lower case), so "Phuong Tan Ninh" matches "Phường Tân Ninh".
/// </summary>
internal sealed class ReportRouter(ReferenceData referenceData, IOptions<FieldReportsSettings> settings, IMediator mediator)
{
    /// <summary>
    /// The commune the place is in now (Identity's administrative units): a reporter who types "Phường 1, TP Tây Ninh"
    /// files it in phường Tân Ninh, where it is handled since 1 July 2025. What cannot be resolved is kept as typed.
    /// </summary>
    public async Task<string?> PlaceAsync(string? area, CancellationToken cancellationToken) => (await LocateAsync(area, cancellationToken)).Name;

    /// <summary>The commune's current name and official code (null where Identity has none, or the place is unknown).</summary>
    public async Task<(string? Name, string? Code)> LocateAsync(string? area, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(area))
        {
            return (null, null);
        }

        var match = await mediator.Send(new ResolveAdministrativeUnit(area), cancellationToken);
        return match.Unit is { } unit ? (unit.Name, unit.Code) : (area.Trim(), null);
    }

    public async Task<Guid?> RouteAsync(Guid categoryId, string? area, CancellationToken cancellationToken)
    {
        var folded = VietnameseText.Fold(area);
        var rules = (await referenceData.GetAsync(cancellationToken)).Rules;
        var match = rules.FirstOrDefault(r => (r.CategoryId == null || r.CategoryId == categoryId) && (r.Area == null || VietnameseText.Fold(r.Area) == folded));
        return match?.AgencyId ?? settings.Value.FallbackAgencyId;
    }
}
