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
        citizens.MapPatch("/me", async Task<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>> (
                UpdateMyProfileRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new UpdateMyProfileCommand(user.GetCitizenId(), request), cancellationToken))
            .WithName("UpdateMyProfile")
            .WithSummary("Sửa hồ sơ cá nhân: chỉ các trường được gửi thay đổi, null xóa trường đó; gửi kèm version đã đọc. Số điện thoại đã xác thực không sửa được ở đây.")
            .Validate<UpdateMyProfileRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Citizen);
}
