using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Security;

public static class ProvinceAuthorization
{
    /// <summary>How long a staff sign-in lasts (a working day).</summary>
    public static readonly TimeSpan StaffTokenLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// The two authentication schemes: citizens' Zalo tokens (<see cref="CitizenAuthenticationHandler"/>, answered
    /// by whichever module handles <see cref="AuthenticateCitizen"/>), and staff bearer tokens issued by a staff
    /// sign-in (<c>TypedResults.SignIn</c> on <see cref="ProvinceSchemes.Staff"/>) and protected by ASP.NET Core
    /// data protection, accepted while their sign-in session stands (<see cref="StaffAuthenticationHandler"/>).
    /// Each policy names the scheme that proves it: citizen endpoints verify Zalo tokens, staff
    /// endpoints verify our own bearer tokens. There is no fallback policy (it would turn 404s into
    /// 401s); instead a test fails when an endpoint names no policy and is not explicitly anonymous.
    /// There is no default authentication scheme either: a request is authenticated only by the scheme its
    /// endpoint's policy names. (With the staff scheme as the default, every citizen request first had its
    /// Zalo token tried, and refused with an exception, by the staff token reader: a measurable cost.)
    /// </summary>
    public static IServiceCollection AddProvinceAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultChallengeScheme = ProvinceSchemes.Staff;
                options.DefaultForbidScheme = ProvinceSchemes.Staff;
            })
            .AddScheme<AuthenticationSchemeOptions, CitizenAuthenticationHandler>(ProvinceSchemes.Zalo, null)
            .AddScheme<AuthenticationSchemeOptions, StaffAuthenticationHandler>(ProvinceSchemes.Staff, null)
            .AddBearerToken(ProvinceSchemes.StaffToken, options => options.BearerTokenExpiration = StaffTokenLifetime);
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<CitizenTokenFailures>();
        services.AddSingleton<IAuthorizationHandler, AgencyMemberHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ProvincePolicies.Citizen, policy => policy
                .AddAuthenticationSchemes(ProvinceSchemes.Zalo)
                .RequireAuthenticatedUser()
                .RequireRole(ProvinceRoles.Citizen))
            .AddPolicy(ProvincePolicies.Staff, policy => policy
                .AddAuthenticationSchemes(ProvinceSchemes.Staff)
                .RequireRole(ProvinceRoles.Officer, ProvinceRoles.Administrator))
            .AddPolicy(ProvincePolicies.AgencyMember, policy => policy
                .AddAuthenticationSchemes(ProvinceSchemes.Staff)
                .RequireRole(ProvinceRoles.Officer, ProvinceRoles.Administrator)
                .AddRequirements(new AgencyMemberRequirement()))
            .AddPolicy(ProvincePolicies.Administrator, policy => policy
                .AddAuthenticationSchemes(ProvinceSchemes.Staff)
                .RequireRole(ProvinceRoles.Administrator));
        return services;
    }
}

/// <summary>The signed-in officer belongs to the agency in the route's <c>{agencyId}</c> (administrators: any agency).</summary>
internal sealed class AgencyMemberRequirement : IAuthorizationRequirement;

internal sealed class AgencyMemberHandler : AuthorizationHandler<AgencyMemberRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AgencyMemberRequirement requirement)
    {
        var routeAgency = (context.Resource as HttpContext)?.GetRouteValue("agencyId")?.ToString();
        if (context.User.IsAdministrator()
            || (Guid.TryParse(routeAgency, out var agencyId) && context.User.GetAgencyId() == agencyId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
