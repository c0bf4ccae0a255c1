using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity.Citizens.VerifyPhoneNumber;

internal static class VerifyPhoneNumberEndpoint
{
    public static void MapVerifyPhoneNumber(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/me/phone-number", async Task<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>> (
                VerifyPhoneNumberRequest request, ClaimsPrincipal user, HttpRequest http, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(
                    new VerifyPhoneNumberCommand(user.GetCitizenId(), ZaloAccessToken.FromAuthorizationHeader(http.Headers.Authorization.ToString())!, request.Token),
                    cancellationToken))
            .WithName("VerifyPhoneNumber")
            .WithSummary("Đổi mã getPhoneNumber của Zalo lấy số điện thoại đã xác thực và lưu vào hồ sơ.")
            .Validate<VerifyPhoneNumberRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ProvincePolicies.Citizen);
}
