using MediatR;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;

namespace Province.Modules.Identity.Staff.SignIn;

internal static class SignInEndpoint
{
    public static void MapSignIn(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/sign-in", async Task<Results<SignInHttpResult, ProblemHttpResult>> (SignInRequest request, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new SignInCommand(request.UserName, request.Password, http), cancellationToken))
            .WithName("StaffSignIn")
            .WithSummary("Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu; nhận bearer token.")
            .Validate<SignInRequest>()
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}
