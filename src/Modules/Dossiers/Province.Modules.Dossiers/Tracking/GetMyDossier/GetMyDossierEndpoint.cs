using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Processing;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;

namespace Province.Modules.Dossiers.Tracking.GetMyDossier;

internal static class GetMyDossierEndpoint
{
    public static void MapGetMyDossier(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/{id:guid}", async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, IDossiersStore store, DeadlinePolicy deadlines, SignedLinks links, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var dossier = await DossierDetailResponse.LoadAsync(session, id, d => d.CitizenId == citizenId, DossierReader.Citizen, deadlines, links, cancellationToken);
                return dossier is null ? ReceiptEndpoints.NotFound() : TypedResults.Ok(dossier);
            })
            .WithName("GetMyDossier")
            .WithSummary("Một hồ sơ của tôi: trạng thái, ngày hẹn trả, giấy tờ (với liên kết có chữ ký), kết quả, toàn bộ quá trình xử lý và các thao tác tôi được làm lúc này.")
            .RequireAuthorization(ProvincePolicies.Citizen);
}

/// <summary>Answers other modules' <see cref="GetCitizenDossier"/>: only the citizen's own dossier.</summary>
internal sealed class GetCitizenDossierHandler(IDossiersStore store) : IRequestHandler<GetCitizenDossier, DossierInfo?>
{
    public async Task<DossierInfo?> Handle(GetCitizenDossier request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var d = await session.LoadAsync<Dossier>(request.DossierId, cancellationToken);
        return d is null || d.CitizenId != request.CitizenId
            ? null
            : new DossierInfo(d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.Field, d.AgencyId, (int)d.Status, d.DueDate);
    }
}
