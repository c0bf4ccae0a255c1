using System.Security.Claims;
using FluentValidation;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.ChangePassword;

/// <summary>The signed-in staff member changes their password; their other sessions end.</summary>
internal sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength).WithName("Mật khẩu hiện tại");
        // The user name and full name are checked by the handler, which knows them.
        RuleFor(r => r.NewPassword).MeetsPasswordPolicy(_ => []);
        RuleFor(r => r.NewPassword).NotEqual(r => r.CurrentPassword).WithMessage("Mật khẩu mới phải khác mật khẩu hiện tại.");
    }
}

internal static class ChangePasswordEndpoint
{
    public static void MapChangePassword(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/me/password", async Task<Results<NoContent, ProblemHttpResult>> (
                ChangePasswordRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new ChangePasswordCommand(user.GetStaffId(), user.GetSessionId(), request), cancellationToken))
            .WithName("ChangeStaffPassword")
            .WithSummary("Cán bộ đổi mật khẩu; các phiên đăng nhập khác của tài khoản hết hiệu lực.")
            .Validate<ChangePasswordRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Staff);
}

internal sealed record ChangePasswordCommand(Guid StaffId, Guid SessionId, ChangePasswordRequest Request) : IRequest<Results<NoContent, ProblemHttpResult>>;

internal sealed class ChangePasswordHandler(IIdentityStore store, IPasswordHasher<StaffMember> hasher, StaffPasswords passwords)
    : IRequestHandler<ChangePasswordCommand, Results<NoContent, ProblemHttpResult>>
{
    public async Task<Results<NoContent, ProblemHttpResult>> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var staff = await session.LoadAsync<StaffMember>(command.StaffId, cancellationToken);
        if (staff is null || hasher.VerifyHashedPassword(staff, staff.PasswordHash, command.Request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return Problems.BusinessRule("identity.wrong_current_password", "Mật khẩu hiện tại không đúng.");
        }

        var personal = new InlineValidator<string>();
        personal.RuleFor(password => password).MeetsPasswordPolicy(_ => [staff.UserName, staff.FullName]);
        if ((await personal.ValidateAsync(command.Request.NewPassword, cancellationToken)).Errors.FirstOrDefault() is { } weak)
        {
            return Problems.BusinessRule("identity.weak_password", weak.ErrorMessage);
        }

        await passwords.SetAsync(session, staff, command.Request.NewPassword, temporaryUntil: null, "password-changed", keepSession: command.SessionId, cancellationToken);
        return TypedResults.NoContent();
    }
}
