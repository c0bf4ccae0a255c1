using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Files;
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
                Guid id, ClaimsPrincipal user, IDossiersStore store, DeadlinePolicy deadlines, SignedLinks links, CancellationToken cancellationToken) =>
            {
                var agencyId = user.GetAgencyId();
                var administrator = user.IsAdministrator();
                await using var session = store.QuerySession();
                var dossier = await DossierDetailResponse.LoadAsync(session, id, d => administrator || d.AgencyId == agencyId, DossierReader.Staff, deadlines, links, cancellationToken);
                return dossier is null ? ReceiptEndpoints.NotFound() : TypedResults.Ok(dossier);
            })
            .WithName("GetDossierForStaff")
            .WithSummary("Chi tiết hồ sơ cho cán bộ của cơ quan thực hiện (cơ quan khác: 404), với các thao tác được làm lúc này.")
            .RequireAuthorization(ProvincePolicies.Staff);
}
