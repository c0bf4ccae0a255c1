using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.Me;

/// <summary>
/// Who is signed in, for the back office's first screen: the account, its roles and agencies (the queue URLs
/// need the agency id) and when the session ends. Counters of work waiting live in each module (e.g.
/// <c>GET /api/staff/appointments/me/counters</c>): Identity asks no other module.
/// </summary>
internal sealed record StaffMeResponse(
    Guid Id,
    string FullName,
    string UserName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<StaffAgency> Agencies,
    DateTimeOffset SessionExpiresAt,
    bool MustChangePassword);

internal sealed record StaffAgency(Guid Id, string Code, string Name);

internal static class StaffMeEndpoints
{
    public static void MapStaffMe(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/me", async Task<Results<Ok<StaffMeResponse>, ProblemHttpResult>> (
                ClaimsPrincipal user, IIdentityStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var member = await session.LoadAsync<StaffMember>(user.GetStaffId(), cancellationToken);
                var signIn = await session.LoadAsync<StaffSession>(user.GetSessionId(), cancellationToken);
                if (member is null || signIn is null)
                {
                    return Problems.Unauthorized("identity.session_ended", "Phiên đăng nhập đã kết thúc.");
                }

                var agency = await session.LoadAsync<Agency>(member.AgencyId, cancellationToken);
                return TypedResults.Ok(new StaffMeResponse(
                    member.Id, member.FullName, member.UserName, [member.Role.ToRoleName()],
                    agency is null ? [] : [new StaffAgency(agency.Id, agency.Code, agency.Name)],
                    signIn.ExpiresAt.ToVietnamTime(), member.TemporaryPasswordExpiresAt is not null));
            })
            .WithName("GetStaffMe")
            .WithSummary("Cán bộ đang đăng nhập: tài khoản, vai trò, cơ quan và thời điểm phiên hết hạn.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/me/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
                ClaimsPrincipal user, IIdentityStore store, StaffSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow().ToUniversalTime();
                await using var session = store.LightweightSession();
                var member = await session.LoadAsync<StaffMember>(user.GetStaffId(), cancellationToken);
                var current = await session.LoadAsync<StaffSession>(user.GetSessionId(), cancellationToken);
                if (member is not { IsActive: true } || current is null || current.EndedAt is not null || current.ExpiresAt <= now)
                {
                    return Problems.Unauthorized("identity.session_ended", "Phiên đăng nhập đã kết thúc.");
                }

                // The old token ends in the same transaction that starts the new session.
                current.EndedAt = now;
                current.EndedBecause = "refreshed";
                session.Update(current);
                var issued = await StaffTokens.IssueAsync(session, member, now, cancellationToken);
                sessions.Forget(current.Id);
                return issued;
            })
            .WithName("RefreshStaffSession")
            .WithSummary("Gia hạn phiên: trả token mới có hạn thêm một ngày làm việc; token cũ hết hiệu lực ngay.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
