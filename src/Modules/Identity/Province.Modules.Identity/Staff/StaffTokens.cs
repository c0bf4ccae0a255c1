using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff;

/// <summary>A staff bearer token naming a new session (sign-in and refresh).</summary>
internal static class StaffTokens
{
    /// <summary>
    /// Stages the session on <paramref name="session"/>, saves everything staged there, and answers the token.
    /// The token names this session; signing out, deactivation or a password change ends it (ValidateStaffSession).
    /// </summary>
    public static async Task<SignInHttpResult> IssueAsync(IDocumentSession session, StaffMember staff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var signIn = new StaffSession { StaffId = staff.Id, SignedInAt = now, ExpiresAt = now + ProvinceAuthorization.StaffTokenLifetime };
        session.Insert(signIn);
        await session.SaveChangesAsync(cancellationToken);

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString()),
                new Claim(ClaimTypes.Name, staff.FullName),
                new Claim(ProvinceClaims.StaffId, staff.Id.ToString()),
                new Claim(ProvinceClaims.AgencyId, staff.AgencyId.ToString()),
                new Claim(ProvinceClaims.SessionId, signIn.Id.ToString()),
                new Claim(ClaimTypes.Role, staff.Role.ToRoleName()),
            ],
            ProvinceSchemes.Staff);

        // The BearerToken handler writes { tokenType, accessToken, expiresIn, refreshToken }.
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: ProvinceSchemes.Staff);
    }
}
