using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Submission.SubmitDossier;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Submission.PrefillApplicant;

internal static class PrefillApplicantEndpoint
{
    public static void MapPrefillApplicant(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/applicant-prefill", async Task<Ok<ApplicantRequest>> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                // Through Identity's contract only: this module never reads Identity's tables.
                var profile = await mediator.Send(new GetCitizenProfile(user.GetCitizenId()), cancellationToken);
                return TypedResults.Ok(new ApplicantRequest(
                    profile?.FullName ?? "", profile?.DateOfBirth, profile?.CitizenIdNumber, profile?.PhoneNumber, null, profile?.Address));
            })
            .WithName("PrefillDossierApplicant")
            .WithSummary("Thông tin người nộp điền sẵn từ hồ sơ cá nhân; công dân sửa được trước khi nộp.")
            .RequireAuthorization(ProvincePolicies.Citizen);
}
