using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Submission.Receipt;

namespace Province.Modules.Dossiers.Submission.SubmitDossier;

internal static class SubmitDossierEndpoint
{
    public static void MapSubmitDossier(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/", async (SubmitDossierRequest request, ClaimsPrincipal user, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                return await mediator.Send(new SubmitDossierCommand(DossierSubmitter.Citizen(citizenId), request, idempotency), cancellationToken);
            })
            .WithName("SubmitDossier")
            .WithSummary("Nộp hồ sơ trực tuyến (cần tiêu đề Idempotency-Key: gửi lại cùng khóa không tạo hồ sơ thứ hai). Trả giấy tiếp nhận.")
            .Validate<SubmitDossierRequest>()
            .RequireIdempotencyKey()
            .Produces<DossierReceiptResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Citizen);
}
