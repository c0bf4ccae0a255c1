using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Limits per client. Anonymous endpoints (sign-in, public lookups) name the <see cref="Anonymous"/> policy
/// (<c>.RequireRateLimiting(ProvinceRateLimits.Anonymous)</c>): per client address, a fixed window. Every request of a
/// signed-in citizen or staff member also counts against that person's own window (<see cref="PerClient"/>, the
/// global limiter), so many citizens behind one carrier NAT never share a limit. A refused request gets 429, a
/// Retry-After header and a Vietnamese problem.
/// The client address is the connection's, or the one <c>X-Forwarded-For</c> names when, and only when, the
/// connection comes from a proxy of <c>ForwardedHeaders:KnownProxies</c> / <c>ForwardedHeaders:KnownNetworks</c>
/// (<see cref="UseProvinceForwardedHeaders"/>); anyone else's <c>X-Forwarded-For</c> is ignored. The host's own
/// server-side clients (the back office) pass the browser's address instead (<see cref="SelfCallerAddress"/>).
/// </summary>
public static class ProvinceRateLimits
{
    /// <summary>Per client address, <c>RateLimiting:AnonymousPermitsPerMinute</c> (60) a minute.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Per citizen id or staff id, <c>RateLimiting:ClientPermitsPerMinute</c> (300) a minute, on every endpoint that signs the caller in.</summary>
    public const string PerClient = "per-client";

    public static IServiceCollection AddProvinceRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:AnonymousPermitsPerMinute", 60);
        var clientPermits = configuration.GetValue("RateLimiting:ClientPermitsPerMinute", 300);
        services.AddProvinceForwardedHeaders(configuration);
        services.TryAddSingleton<SelfCallerAddress>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Anonymous, context => RateLimitPartition.GetFixedWindowLimiter(
                context.RequestServices.GetRequiredService<SelfCallerAddress>().AddressOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Runs after authorization, which signed the caller in by the endpoint's policy: anonymous endpoints have no
            // one here and are left to their Anonymous policy.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, SignedInClient>(context => SignedInClient.Of(context.User) is { } client
                ? RateLimitPartition.GetFixedWindowLimiter(client,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = clientPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(default(SignedInClient)));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Create(429, "request.rate_limited", "Quá nhiều yêu cầu",
                        $"Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {(int)Math.Ceiling(retryAfter.TotalSeconds)} giây.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }


    private static IServiceCollection AddProvinceForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue<int?>("ForwardedHeaders:ForwardLimit") ?? 1;
            // ASP.NET Core trusts loopback by default; Province trusts exactly the proxies the operator names.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddSingleton(new ForwardingProxies(proxies.Length + networks.Length > 0));
        return services;
    }

    /// <summary>
    /// Takes the client address (and scheme) from the forwarded headers of a configured proxy. Not used at all when no
    /// proxy is configured: with empty lists ASP.NET Core's middleware would believe every sender.
    /// </summary>
    public static IApplicationBuilder UseProvinceForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetService<ForwardingProxies>()?.Configured == true ? app.UseForwardedHeaders() : app;
    }

    private sealed record ForwardingProxies(bool Configured);
}

/// <summary>
/// The signed-in citizen or staff member a request counts against: the rate limiter's partition key. Two fields, not a
/// "citizen:…" string made on every request and kept with each partition (issue 17).
/// </summary>
internal readonly record struct SignedInClient(bool IsStaff, Guid Id)
{
    /// <summary>The caller, or null when anonymous (or the id claim is not an id, which authentication never issues).</summary>
    public static SignedInClient? Of(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ProvinceClaims.CitizenId), out var citizen) ? new SignedInClient(false, citizen)
        : Guid.TryParse(user?.FindFirstValue(ProvinceClaims.StaffId), out var staff) ? new SignedInClient(true, staff)
        : null;
}
