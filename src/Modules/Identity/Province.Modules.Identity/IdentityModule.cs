using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Agencies.ListAgencies;
using Province.Modules.Identity.Citizens.DeleteMyProfile;
using Province.Modules.Identity.Citizens.GetMyProfile;
using Province.Modules.Identity.Citizens.UpdateMyProfile;
using Province.Modules.Identity.Citizens.VerifyPhoneNumber;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.DemoData;
using Province.Modules.Identity.Staff.CreateStaffMember;
using Province.Modules.Identity.Staff.ListAgencyOfficers;
using Province.Modules.Identity.Staff.SignIn;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity;

/// <summary>
/// Identity: who is calling. Citizens are Zalo users (no sign-up); staff sign in with a password and
/// belong to an agency; agencies form the directory other modules use through the Contracts.
/// </summary>
public sealed class IdentityModule : IModule
{
    public string Name => "Identity";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IIdentityStore>(configuration, IIdentityStore.SchemaName, typeof(CitizenDeleted).Assembly, IIdentityStore.Configure);
        services.AddHandlersFrom(typeof(IdentityModule).Assembly);
        services.AddScoped<IDemoDataSeeder, IdentityDemoData>();

        var zalo = configuration.GetSection(ZaloOptions.Section);
        services.AddOptions<ZaloOptions>().Bind(zalo);
        services.AddMemoryCache();
        services.AddZaloGraphClient();
        services.AddScoped<ZaloTokenVerifier>();
        services.AddScoped<CitizenDirectory>();
        services.AddScoped<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ZaloAuthenticationHandler>(ProvinceSchemes.Zalo, null)
            .AddBearerToken(ProvinceSchemes.Staff, options => options.BearerTokenExpiration = TimeSpan.FromHours(8));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var citizens = endpoints.MapGroup("/api/identity").WithTags("Identity - công dân");
        citizens.MapGetMyProfile();
        citizens.MapUpdateMyProfile();
        citizens.MapVerifyPhoneNumber();
        citizens.MapDeleteMyProfile();

        var staff = endpoints.MapGroup("/api/staff/identity").WithTags("Identity - cán bộ");
        staff.MapSignIn();
        staff.MapListAgencyOfficers();
        staff.MapCreateStaffMember();

        var publicApi = endpoints.MapGroup("/api/public/identity").WithTags("Identity - công khai");
        publicApi.MapListAgencies();
    }
}
