using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing.GetDossierForOfficer;

internal static class GetDossierForOfficerEndpoint
{
    public static void MapGetDossierForOfficer(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/{id:guid}", async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, DossiersDbContext db, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                var agencyId = user.GetAgencyId();
                var administrator = user.IsAdministrator();
                var dossier = await db.Dossiers.AsNoTracking().AsSplitQuery()
                    .Include(d => d.Files).Include(d => d.History).Include(d => d.Apologies)
                    .SingleOrDefaultAsync(d => d.Id == id && (administrator || d.AgencyId == agencyId), cancellationToken);
                return dossier is null ? ReceiptEndpoints.NotFound() : TypedResults.Ok(DossierDetailResponse.From(dossier, deadlines));
            })
            .WithName("GetDossierForOfficer")
            .WithSummary("Chi tiết hồ sơ cho cán bộ của cơ quan thực hiện (cơ quan khác: 404).")
            .RequireAuthorization(ProvincePolicies.Staff);
}
