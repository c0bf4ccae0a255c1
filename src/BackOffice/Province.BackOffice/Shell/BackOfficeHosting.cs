using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Province.BackOffice.Api;
using Province.BackOffice.Components;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Http;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Shell;

/// <summary>
/// The back office in a host: <c>AddBackOffice()</c> with the services, <c>MapBackOffice()</c> after
/// <c>UseProvinceApi()</c>. Pages are Razor components rendered on the server (static rendering: no circuit, no
/// framework script); forms post back with an antiforgery token.
/// </summary>
public static class BackOfficeHosting
{
    public const string BasePath = "/staff";

    /// <summary>
    /// Pages load their own styles and one small script only; nothing inline, nothing from elsewhere, never framed.
    /// Images come from the API's signed links (same origin) or data URIs (QR codes).
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Vietnamese letters as they are in the page source, not as numeric entities (a third of the size, and readable).
        services.TryAddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "province.staff.antiforgery";
            options.Cookie.Path = BasePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.TryAddSingleton<SelfAddress>();
        services.TryAddSingleton<SelfCallerAddress>();
        services.AddSingleton<BackOfficeModules>();
        services.AddSingleton<StaffTokens>();
        services.AddHttpClient<StaffApi>((provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<SelfAddress>().Resolve("/");
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddBackOfficeAuthentication();
        return services;
    }

    public static WebApplication MapBackOffice(this WebApplication app)
    {
        // A page whose API call finds the session ended (signed out elsewhere, deactivated, password changed) signs
        // the cookie out and sends the person to sign in again, instead of an error page.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BasePath), branch => branch.Use(async (context, next) =>
        {
            context.Items[SecurityHeaders.PolicyItem] = PagePolicy;
            // A page that answers 404 or 403 (another agency's dossier) renders its own Vietnamese page; the API's
            // status-code problems (JSON) are not for people.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            try
            {
                await next(context);
            }
            catch (StaffSessionEndedException) when (!context.Response.HasStarted)
            {
                await context.SignOutAsync(BackOfficeAuthentication.Scheme);
                context.Response.Clear();
                context.Response.Redirect(BasePath + "/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            }
        }));
        app.UseAntiforgery();
        app.MapBackOfficeAssets();
        app.MapBackOfficeLive();
        app.MapBackOfficeExport();
        var modules = app.Services.GetRequiredService<BackOfficeModules>();
        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies([.. modules.PageAssemblies])
            .RequireAuthorization(BackOfficeAuthentication.StaffPolicy);
        return app;
    }
}
