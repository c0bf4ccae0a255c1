using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Anonymous endpoints (sign-in, public lookups) are limited per client address with a fixed window;
/// a refused request gets 429, a Retry-After header and a Vietnamese problem. Endpoints name the policy
/// by its constant (<c>.RequireRateLimiting(ProvinceRateLimits.Anonymous)</c>).
/// </summary>
public static class ProvinceRateLimits
{
    /// <summary>Per client address, <c>RateLimiting:AnonymousPermitsPerMinute</c> (60) a minute.</summary>
    public const string Anonymous = "anonymous";

    public static IServiceCollection AddProvinceRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:AnonymousPermitsPerMinute", 60);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Anonymous, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
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
}
