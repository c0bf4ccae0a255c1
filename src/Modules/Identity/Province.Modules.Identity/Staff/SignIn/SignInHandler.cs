using System.Globalization;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.SignIn;

internal sealed record SignInCommand(string UserName, string Password, HttpContext Http) : IRequest<Results<SignInHttpResult, ProblemHttpResult>>;

internal sealed class SignInHandler(IIdentityStore store, IPasswordHasher<StaffMember> hasher, TimeProvider clock)
    : IRequestHandler<SignInCommand, Results<SignInHttpResult, ProblemHttpResult>>
{
    /// <summary>Verified when the user name is unknown, so both failures take the same time.</summary>
    private static readonly string UnknownUserHash = new PasswordHasher<StaffMember>().HashPassword(null!, "unknown-user");

    public async Task<Results<SignInHttpResult, ProblemHttpResult>> Handle(SignInCommand request, CancellationToken cancellationToken)
    {
        var userName = request.UserName.Trim().ToLowerInvariant();
        var now = clock.GetUtcNow().ToUniversalTime();
        if (await SignInAttempts.TakeAsync(store, userName, now, cancellationToken) is { } lockedUntil)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((lockedUntil - now).TotalMinutes));
            request.Http.Response.Headers.RetryAfter = ((int)Math.Ceiling((lockedUntil - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status429TooManyRequests, "identity.sign_in_locked", "Tạm khóa đăng nhập",
                $"Đã nhập sai mật khẩu {SignInAttempts.MaxTries} lần liên tiếp. Vui lòng thử lại sau {minutes} phút hoặc liên hệ quản trị viên.");
        }

        await using var session = store.LightweightSession();
        var staff = await session.Query<StaffMember>().SingleOrDefaultAsync(s => s.UserName == userName, cancellationToken);
        var verdict = hasher.VerifyHashedPassword(staff!, staff?.PasswordHash ?? UnknownUserHash, request.Password);
        if (staff is null || !staff.IsActive || verdict == PasswordVerificationResult.Failed)
        {
            return Problems.Unauthorized("identity.bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        await SignInAttempts.ClearAsync(store, userName, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            staff.PasswordHash = hasher.HashPassword(staff, request.Password);
            session.Update(staff);
        }

        if (staff.TemporaryPasswordExpiresAt is { } temporaryUntil && temporaryUntil <= now)
        {
            return Problems.Unauthorized("identity.temporary_password_expired", "Mật khẩu tạm đã hết hạn. Vui lòng liên hệ quản trị viên để cấp lại.");
        }

        return await StaffTokens.IssueAsync(session, staff, now, cancellationToken);
    }
}
