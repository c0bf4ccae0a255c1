using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Shell;

/// <summary>
/// Who a freshly issued staff token names (name, role, agency), for the page cookie and the menu. The token was just
/// answered by the API's sign-in in this same host, whose data protection keys this reads it with; the API still checks
/// the token (and its session) on every call the pages make, so nothing here grants anything.
/// </summary>
public sealed class StaffTokens(IOptionsMonitor<BearerTokenOptions> options)
{
    private static readonly string[] Kept =
        [ClaimTypes.NameIdentifier, ClaimTypes.Name, ClaimTypes.Role, ProvinceClaims.StaffId, ProvinceClaims.AgencyId, ProvinceClaims.SessionId];

    // The ids (staff, session, agency) come from the token because the cookie's check of the session on every page
    // (ValidateStaffSession) needs the session id, which the API's GET /me does not show.

    public Task<ClaimsPrincipal?> PrincipalOfAsync(string token, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var ticket = options.Get(ProvinceSchemes.StaffToken).BearerTokenProtector.Unprotect(token);
        if (ticket?.Principal is not { } principal)
        {
            return Task.FromResult<ClaimsPrincipal?>(null);
        }

        var identity = new ClaimsIdentity(
            principal.Claims.Where(claim => Kept.Contains(claim.Type)).Select(claim => new Claim(claim.Type, claim.Value)),
            BackOfficeAuthentication.Scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return Task.FromResult<ClaimsPrincipal?>(new ClaimsPrincipal(identity));
    }
}
