using System.Security.Claims;

namespace Province.BuildingBlocks.Security;

/// <summary>Authentication schemes. Citizens come from Zalo; staff sign in with a password.</summary>
public static class ProvinceSchemes
{
    public const string Zalo = "Zalo";

    /// <summary>Staff: a bearer token whose sign-in session still stands (<see cref="ValidateStaffSession"/>).</summary>
    public const string Staff = "Staff";

    /// <summary>The bearer token alone, read and written by ASP.NET Core's bearer token handler inside <see cref="Staff"/>.</summary>
    public const string StaffToken = "StaffToken";
}

/// <summary>Authorization policies every endpoint chooses from (or it is explicitly anonymous).</summary>
public static class ProvincePolicies
{
    /// <summary>A citizen identified by a Zalo access token.</summary>
    public const string Citizen = "citizen";

    /// <summary>Any officer or administrator.</summary>
    public const string Staff = "staff";

    /// <summary>An officer of the agency named by the route's <c>{agencyId}</c>, or an administrator.</summary>
    public const string AgencyMember = "agency-member";

    public const string Administrator = "administrator";
}

public static class ProvinceRoles
{
    public const string Citizen = "citizen";
    public const string Officer = "officer";
    public const string Administrator = "administrator";
}

public static class ProvinceClaims
{
    public const string CitizenId = "province:citizen_id";
    public const string StaffId = "province:staff_id";
    public const string AgencyId = "province:agency_id";

    /// <summary>The staff sign-in session a token belongs to (signed out or revoked on its own).</summary>
    public const string SessionId = "province:session_id";
    public const string ZaloId = "zalo:id";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid GetCitizenId(this ClaimsPrincipal user) => RequiredGuid(user, ProvinceClaims.CitizenId);

    public static Guid GetStaffId(this ClaimsPrincipal user) => RequiredGuid(user, ProvinceClaims.StaffId);

    public static Guid GetSessionId(this ClaimsPrincipal user) => RequiredGuid(user, ProvinceClaims.SessionId);

    public static Guid? GetAgencyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ProvinceClaims.AgencyId), out var id) ? id : null;

    public static bool IsAdministrator(this ClaimsPrincipal user) => user?.IsInRole(ProvinceRoles.Administrator) == true;

    /// <summary>
    /// The agency whose data a staff member reads: an administrator reads every agency (<paramref name="agency"/> null) or the one
    /// <paramref name="requested"/>; anyone else only their own. False (the caller answers 403 in its own words) when someone
    /// who is not an administrator names another agency or belongs to none.
    /// </summary>
    public static bool TryScopeToAgency(this ClaimsPrincipal user, Guid? requested, out Guid? agency)
    {
        if (user.IsAdministrator())
        {
            agency = requested;
            return true;
        }

        agency = user.GetAgencyId();
        if (agency is null || (requested is not null && requested != agency))
        {
            agency = null;
            return false;
        }

        return true;
    }

    private static Guid RequiredGuid(ClaimsPrincipal user, string claim) =>
        Guid.TryParse(user?.FindFirstValue(claim), out var id)
            ? id
            : throw new InvalidOperationException($"The signed-in user has no {claim} claim; is the endpoint's policy right?");
}
