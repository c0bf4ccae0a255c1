using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Identity.Citizens.GetMyProfile;

internal static class GetMyProfileEndpoint
{
    public static void MapGetMyProfile(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/me", async Task<Ok<CitizenProfileResponse>> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetMyProfileQuery(user.GetCitizenId()), cancellationToken)))
            .WithName("GetMyProfile")
            .WithSummary("Hồ sơ cá nhân của công dân đang đăng nhập (để điền sẵn biểu mẫu).")
            .RequireAuthorization(ProvincePolicies.Citizen);
}
