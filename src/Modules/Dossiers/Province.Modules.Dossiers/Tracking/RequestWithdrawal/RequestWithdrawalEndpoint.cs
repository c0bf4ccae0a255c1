using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Processing;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Tracking.RequestWithdrawal;

internal static class RequestWithdrawalEndpoint
{
    public static void MapRequestWithdrawal(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/withdraw", async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, RequestWithdrawalRequest request, ClaimsPrincipal user, DossierActionRunner runner, DossierWorkflow workflow, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                return await runner.RunAsync(id, DossierReader.Citizen, d => d.CitizenId == citizenId, request.Version, change =>
                    Task.FromResult(workflow.Apply(change, DossierAction.Withdraw, Actor.Citizen(citizenId), request.Message,
                        "Bạn đã rút hồ sơ. Cơ quan dừng giải quyết hồ sơ này.", step => new DossierWithdrawn(step))), cancellationToken);
            })
            .WithName("WithdrawMyDossier")
            .WithSummary("Công dân rút hồ sơ (trước khi có kết quả), ghi lý do trong message; trả về toàn bộ hồ sơ.")
            .Validate<RequestWithdrawalRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
}

internal sealed record RequestWithdrawalRequest(string Message, [property: JsonRequired] int Version);

internal sealed class RequestWithdrawalRequestValidator : AbstractValidator<RequestWithdrawalRequest>
{
    public RequestWithdrawalRequestValidator()
    {
        RuleFor(r => r.Message).NotEmpty().WithMessage("Vui lòng cho biết lý do rút hồ sơ.").MaximumLength(1000).WithName("Lý do");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}
