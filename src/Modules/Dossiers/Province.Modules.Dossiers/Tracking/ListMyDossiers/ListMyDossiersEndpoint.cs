using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tracking.ListMyDossiers;

internal static class ListMyDossiersEndpoint
{
    public static void MapListMyDossiers(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/", async Task<Ok<PagedResult<DossierSummaryResponse>>> (
                int? page, int? pageSize, ClaimsPrincipal user, IDossiersStore store, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var items = await session.Query<Dossier>()
                    .Where(d => d.CitizenId == citizenId)
                    .Stats(out var stats)
                    .OrderByDescending(d => d.SubmittedAt)
                    .Skip(paging.Skip)
                    .Take(paging.PageSize)
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<DossierSummaryResponse>(
                    [.. items.Select(d => DossierSummaryResponse.From(d, deadlines))], paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListMyDossiers")
            .WithSummary("Hồ sơ của tôi, mới nhất trước: trạng thái, ngày hẹn trả, đúng hạn hay trễ hạn.")
            .RequireAuthorization(ProvincePolicies.Citizen);
}
