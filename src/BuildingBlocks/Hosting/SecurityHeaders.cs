using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Hosting;

/// <summary>Configuration section <c>Https</c>: what only a host reached over HTTPS should turn on.</summary>
public sealed class HttpsSettings
{
    public const string Section = "Https";

    /// <summary>Answer plain-HTTP requests with a redirect to HTTPS (off behind a proxy that terminates TLS and forwards HTTP).</summary>
    public bool RedirectToHttps { get; set; }

    /// <summary>Send Strict-Transport-Security on HTTPS answers: browsers then never try plain HTTP for this host again.</summary>
    public bool Hsts { get; set; }

    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>
/// The headers every answer carries, so a browser that opens an API address (a link in a phishing message,
/// a stored text shown in a page) cannot be turned against the citizen: nothing runs, nothing is framed, the
/// declared content type is the only one, no address leaks through Referer. The browsable API description
/// (<c>/swagger</c>) needs its own scripts and styles; everything else is data and allows nothing at all.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string SwaggerPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// <see cref="HttpContext.Items"/> keys a host sets for pages of its own (the mini app at /app/): their
    /// Content-Security-Policy and Permissions-Policy in place of the API's.
    /// </summary>
    public const string PolicyItem = "Province.ContentSecurityPolicy";

    public const string PermissionsItem = "Province.PermissionsPolicy";

    /// <summary>Adds the headers to every answer (errors included); HTTPS redirection and HSTS as <see cref="HttpsSettings"/> say. Call first.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection(HttpsSettings.Section).Get<HttpsSettings>() ?? new HttpsSettings();
        var hsts = $"max-age={((long)settings.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)}; includeSubDomains";
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[PolicyItem] as string
                    ?? (context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : ApiPolicy);
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = context.Items[PermissionsItem] as string ?? "camera=(), microphone=(), geolocation=()";
                if (settings.Hsts && context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = hsts;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        if (settings.RedirectToHttps)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }
}
