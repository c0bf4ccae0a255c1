using System.Security.Cryptography;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.ResetPassword;

/// <summary>
/// The answer of a reset: the account and a temporary password shown this once (it is stored only hashed). It
/// signs in until <see cref="TemporaryPasswordExpiresAt"/>; the account shows <c>mustChangePassword</c> until the
/// person sets their own with <c>POST /api/staff/identity/me/password</c>.
/// </summary>
internal sealed record ResetPasswordResponse(StaffMemberResponse Staff, string TemporaryPassword, DateTimeOffset TemporaryPasswordExpiresAt);

/// <summary>
/// An administrator resets a forgotten password. The server makes the temporary password (an administrator never
/// chooses or learns a lasting one); every session of the account ends.
/// </summary>
internal static class ResetPasswordEndpoint
{
    public static readonly TimeSpan TemporaryPasswordLifetime = TimeSpan.FromHours(24);

    public static void MapResetStaffPassword(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/staff/{id:guid}/reset-password", async Task<Results<Ok<ResetPasswordResponse>, ProblemHttpResult>> (
                Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new ResetPasswordCommand(id), cancellationToken))
            .WithName("ResetStaffPassword")
            .WithSummary("Quản trị viên cấp lại mật khẩu: trả một mật khẩu tạm (chỉ hiện một lần, hiệu lực 24 giờ) mà cán bộ phải đổi khi đăng nhập; mọi phiên của tài khoản kết thúc.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record ResetPasswordCommand(Guid StaffId) : IRequest<Results<Ok<ResetPasswordResponse>, ProblemHttpResult>>;

internal sealed class ResetPasswordHandler(IIdentityStore store, StaffPasswords passwords, TimeProvider clock)
    : IRequestHandler<ResetPasswordCommand, Results<Ok<ResetPasswordResponse>, ProblemHttpResult>>
{
    /// <summary>No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<Results<Ok<ResetPasswordResponse>, ProblemHttpResult>> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var staff = await session.LoadAsync<StaffMember>(command.StaffId, cancellationToken);
        if (staff is null)
        {
            return Problems.NotFound("identity.unknown_staff_member", "Không tìm thấy tài khoản cán bộ.");
        }

        var temporary = RandomNumberGenerator.GetString(Alphabet, 16);
        var expiresAt = clock.GetUtcNow().ToUniversalTime() + ResetPasswordEndpoint.TemporaryPasswordLifetime;
        await passwords.SetAsync(session, staff, temporary, temporaryUntil: expiresAt, "password-reset", keepSession: null, cancellationToken);
        return TypedResults.Ok(new ResetPasswordResponse(await StaffMemberResponse.FromAsync(session, staff, cancellationToken), temporary, expiresAt.ToVietnamTime()));
    }
}
