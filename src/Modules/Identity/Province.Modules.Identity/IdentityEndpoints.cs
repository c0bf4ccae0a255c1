using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Identity.AdministrativeUnits;
using Province.Modules.Identity.Agencies.ListAgencies;
using Province.Modules.Identity.Citizens.DeleteMyProfile;
using Province.Modules.Identity.Citizens.GetMyProfile;
using Province.Modules.Identity.Citizens.Statistics;
using Province.Modules.Identity.Citizens.UpdateMyProfile;
using Province.Modules.Identity.Citizens.VerifyPhoneNumber;
using Province.Modules.Identity.Staff.ChangePassword;
using Province.Modules.Identity.Staff.CreateStaffMember;
using Province.Modules.Identity.Staff.DeactivateStaffMember;
using Province.Modules.Identity.Staff.ListStaff;
using Province.Modules.Identity.Staff.Me;
using Province.Modules.Identity.Staff.ResetPassword;
using Province.Modules.Identity.Staff.Sessions;
using Province.Modules.Identity.Staff.SignIn;

namespace Province.Modules.Identity;

/// <summary>The citizen signed in with Zalo: their own profile, phone number verification and deletion.</summary>
internal sealed class CitizenIdentityEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/api/identity").WithTags("Identity - công dân");
        citizens.MapGetMyProfile();
        citizens.MapUpdateMyProfile();
        citizens.MapVerifyPhoneNumber();
        citizens.MapDeleteMyProfile();
    }
}

/// <summary>Staff: sign-in, who am I, refresh and sign-out, password change, an agency's staff, administrators' account list, reset, opening and closing staff accounts, loading the administrative units, citizens' statistics.</summary>
internal sealed class StaffIdentityEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/identity").WithTags("Identity - cán bộ");
        staff.MapSignIn();
        staff.MapStaffMe();
        staff.MapSignOut();
        staff.MapChangePassword();
        staff.MapListStaff();
        staff.MapCreateStaffMember();
        staff.MapDeactivateStaffMember();
        staff.MapResetStaffPassword();
        staff.MapImportAdministrativeUnits();
        staff.MapCitizenStatistics();
    }
}

/// <summary>Anyone, without signing in: the agency directory and the administrative units (communes, old addresses).</summary>
internal sealed class PublicIdentityEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var publicApi = app.MapGroup("/api/public/identity").WithTags("Identity - công khai");
        publicApi.MapListAgencies();
        publicApi.MapAdministrativeUnits();
    }
}
