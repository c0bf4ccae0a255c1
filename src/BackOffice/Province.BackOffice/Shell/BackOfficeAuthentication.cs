using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Shell;

/// <summary>
/// Staff pages are signed in by a cookie that carries the API's bearer token inside it, encrypted by data protection:
/// HttpOnly, SameSite=Strict, Secure over HTTPS, sliding for an idle hour and never past the token's own expiry. The
/// cookie proves nothing to the API by itself: every page calls the API with the token, and the API decides.
/// </summary>
public static class BackOfficeAuthentication
{
    public const string Scheme = "StaffPages";

    public const string AccessTokenName = "access_token";

    /// <summary>The agency's name, shown in the header (from the API's <c>GET /api/staff/identity/me</c> at sign-in).</summary>
    public const string AgencyNameClaim = "province:agency_name";

    private const string ExpiresAtName = "expires_at";

    /// <summary>Any signed-in staff member (officer or administrator).</summary>
    public const string StaffPolicy = "backoffice-staff";

    /// <summary>Administrators only.</summary>
    public const string AdministratorPolicy = "backoffice-administrator";

    public const string CookieName = "province.staff";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    internal static IServiceCollection AddBackOfficeAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(Scheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.Path = BackOfficeHosting.BasePath;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = BackOfficeHosting.BasePath + "/sign-in";
                options.LogoutPath = BackOfficeHosting.BasePath + "/sign-out";
                options.AccessDeniedPath = BackOfficeHosting.BasePath + "/forbidden";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnValidatePrincipal = async context =>
                {
                    // The token's own end is the session's end, whatever the sliding cookie says; and a session the API
                    // ended (signed out, password changed, account deactivated) ends the pages too, even on a page that
                    // calls no API: the same question the API's staff scheme asks on every call.
                    var services = context.HttpContext.RequestServices;
                    var expired = context.Properties.GetTokenValue(ExpiresAtName) is not { } expires
                        || !DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end)
                        || end <= services.GetRequiredService<TimeProvider>().GetUtcNow();
                    if (expired
                        || context.Principal is not { } user
                        || !Guid.TryParse(user.FindFirst(ProvinceClaims.StaffId)?.Value, out var staffId)
                        || !Guid.TryParse(user.FindFirst(ProvinceClaims.SessionId)?.Value, out var sessionId)
                        || !await services.GetRequiredService<IMediator>().Send(new ValidateStaffSession(staffId, sessionId), context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(Scheme);
                    }
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireRole(ProvinceRoles.Officer, ProvinceRoles.Administrator))
            .AddPolicy(AdministratorPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireRole(ProvinceRoles.Administrator));
        return services;
    }

    /// <summary>Keeps the API's token (and when it ends) in the cookie's encrypted properties.</summary>
    public static AuthenticationProperties PropertiesFor(string accessToken, DateTimeOffset expiresAt)
    {
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessTokenName, Value = accessToken },
            new AuthenticationToken { Name = ExpiresAtName, Value = expiresAt.ToString("O", CultureInfo.InvariantCulture) },
        ]);
        return properties;
    }
}
