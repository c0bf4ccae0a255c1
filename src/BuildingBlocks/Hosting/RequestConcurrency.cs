using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Live;

namespace Province.BuildingBlocks.Hosting;

/// <summary>Configuration section <c>Http</c>: how many API requests run at once, and how many may wait for their turn.</summary>
public sealed class RequestConcurrencySettings
{
    public const string Section = "Http";

    /// <summary>
    /// API requests worked on at the same time; by default 8 a processor (16 on two cores). More at once only wait
    /// inside the host for CPU or a database connection, each holding its session and buffers: on two cores 16 kept
    /// the peak memory of 256 connections within 300 MB and 32 did not, at rates alike but for one run's dossier
    /// submissions (ADR 24). 0 turns the bound off.
    /// </summary>
    public int MaxConcurrentApiRequests { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>API requests that wait, oldest first, for one of those places; one more is refused with 503 and Retry-After.</summary>
    public int MaxQueuedApiRequests { get; set; } = 2000;
}

/// <summary>
/// A bound on the API requests in progress (issue 17): under hundreds of connections each request beyond the bound
/// waits in a first-come queue before authentication, holding only its connection, instead of every one holding a
/// session, its buffers and a wait for a pooled database connection at once (on two cores, 256 connections: 340 MB
/// without it, 317 MB with 32 at work, 293 MB with 16).
/// Only <c>/api</c> is bounded: the back office's pages call the API over HTTP themselves, and a page holding a place
/// while its own API call waits for one could starve. Live views (endpoints that produce <c>text/event-stream</c>) stay
/// open for hours and hold no place. A request whose caller goes away while it waits leaves the queue.
/// One per host (a singleton), so its figures can be read: <see cref="Statistics"/>.
/// </summary>
public sealed class ApiRequestConcurrency : IDisposable
{
    private const int RetryAfterSeconds = 5;

    private readonly ConcurrencyLimiter? _limiter;

    public ApiRequestConcurrency(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(RequestConcurrencySettings.Section).Get<RequestConcurrencySettings>() ?? new RequestConcurrencySettings();
        if (settings.MaxConcurrentApiRequests > 0)
        {
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentApiRequests,
                QueueLimit = Math.Max(0, settings.MaxQueuedApiRequests),
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    /// <summary>Places free and requests waiting now; null when the bound is off.</summary>
    public RateLimiterStatistics? Statistics => _limiter?.GetStatistics();

    public void Dispose() => _limiter?.Dispose();

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_limiter is null || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.GetEndpoint().DeclaresEventStream())
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left while waiting: nothing to answer.
            return;
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Create(StatusCodes.Status503ServiceUnavailable, "request.server_busy", "Hệ thống đang quá tải",
                        $"Hệ thống đang phục vụ quá nhiều yêu cầu. Vui lòng thử lại sau {RetryAfterSeconds} giây.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        }
    }
}

public static class RequestConcurrency
{
    /// <summary>Runs after routing (the endpoint is known) and before authentication, so a waiting request costs nothing.</summary>
    public static IApplicationBuilder UseRequestConcurrencyLimit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var concurrency = app.ApplicationServices.GetRequiredService<ApiRequestConcurrency>();
        return app.Use(concurrency.InvokeAsync);
    }
}
