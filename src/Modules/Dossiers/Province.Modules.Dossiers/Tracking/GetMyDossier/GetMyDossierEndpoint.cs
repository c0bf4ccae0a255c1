using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;

namespace Province.Modules.Dossiers.Tracking.GetMyDossier;

internal static class GetMyDossierEndpoint
{
    public static void MapGetMyDossier(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/{id:guid}", async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, DossiersDbContext db, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                var dossier = await db.Dossiers.AsNoTracking().AsSplitQuery()
                    .Include(d => d.Files).Include(d => d.History).Include(d => d.Apologies)
                    .SingleOrDefaultAsync(d => d.Id == id && d.CitizenId == user.GetCitizenId(), cancellationToken);
                return dossier is null ? ReceiptEndpoints.NotFound() : TypedResults.Ok(DossierDetailResponse.From(dossier, deadlines));
            })
            .WithName("GetMyDossier")
            .WithSummary("Một hồ sơ của tôi: trạng thái, ngày hẹn trả, giấy tờ, kết quả và toàn bộ quá trình xử lý.")
            .RequireAuthorization(ProvincePolicies.Citizen);
}

/// <summary>Answers other modules' <see cref="GetCitizenDossier"/>: only the citizen's own dossier.</summary>
internal sealed class GetCitizenDossierHandler(DossiersDbContext db) : IRequestHandler<GetCitizenDossier, DossierInfo?>
{
    public async Task<DossierInfo?> Handle(GetCitizenDossier request, CancellationToken cancellationToken) =>
        await db.Dossiers.AsNoTracking()
            .Where(d => d.Id == request.DossierId && d.CitizenId == request.CitizenId)
            .Select(d => new DossierInfo(d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.Field, d.AgencyId, (int)d.Status, d.DueDate))
            .SingleOrDefaultAsync(cancellationToken);
}
