using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Hosting;

/// <summary>
/// Cross-origin calls from the origins of <c>Cors:AllowedOrigins</c>: a Zalo mini app is served by Zalo
/// (<see cref="ZaloMiniAppOrigin"/>), so every call it makes is cross-origin; Development adds the local dev servers in
/// appsettings.Development.json. One default policy for every endpoint, applied before anything can answer, so
/// preflights, problems (401, 429, 503) and the server-sent event stream all carry the headers. Tokens travel in the
/// Authorization header, never in cookies, so credentials stay off (and no origin can read an answer as someone else).
/// </summary>
public static class CrossOrigin
{
    public const string ZaloMiniAppOrigin = "https://h5.zdn.vn";

    /// <summary>What a client must be able to read from an answer besides the safelisted headers.</summary>
    public static readonly string[] ExposedHeaders = ["Location", "Retry-After", "Idempotent-Replayed", "ETag"];

    public static IServiceCollection AddProvinceCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() is { Length: > 0 } configured
            ? configured
            : [ZaloMiniAppOrigin];
        services.AddCors(options => options.AddDefaultPolicy(new CorsPolicyBuilder()
            .WithOrigins(origins.Select(origin => origin.TrimEnd('/')).ToArray())
            .AllowAnyMethod()
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "Last-Event-ID", "Accept", "Accept-Language")
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build()));
        return services;
    }
}
