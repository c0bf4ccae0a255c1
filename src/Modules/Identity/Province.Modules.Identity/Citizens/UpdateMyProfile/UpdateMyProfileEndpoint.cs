using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;

namespace Province.Modules.Identity.Citizens.UpdateMyProfile;

internal static class UpdateMyProfileEndpoint
{
    public static void MapUpdateMyProfile(this IEndpointRouteBuilder citizens) =>
        citizens.MapPut("/me", async Task<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>> (
                UpdateMyProfileRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new UpdateMyProfileCommand(user.GetCitizenId(), request), cancellationToken))
            .WithName("UpdateMyProfile")
            .WithSummary("Sửa hồ sơ cá nhân; gửi kèm version đã đọc.")
            .Validate<UpdateMyProfileRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
}
