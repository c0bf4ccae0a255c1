using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Time;
using Province.BuildingBlocks.Validation;

namespace Province.BuildingBlocks.Hosting;

/// <summary>
/// Everything a module's endpoints count on from the host, in one place, so that a host of any set of modules
/// (the full Province, or one module another province takes) is a few lines:
/// <code>
/// builder.Services.AddProvinceApi(builder.Configuration);
/// builder.Services.AddProvinceModules(builder.Configuration, [new DossiersModule()]);
/// // ...handlers of your own for the contracts the module needs (its README lists them)
/// var app = builder.Build();
/// await app.StartProvinceModulesAsync();
/// app.UseProvinceApi();
/// app.MapProvinceModules();
/// await app.RunAsync();
/// </code>
/// </summary>
public static class ProvinceApi
{
    /// <summary>
    /// The clock, JSON conventions (text cleaned of control characters), Vietnamese validation messages, RFC 9457 problems (incl. concurrency → 409),
    /// the citizen and staff authentication schemes and policies, anonymous rate limits, the public response cache
    /// and health checks.
    /// </summary>
    public static IServiceCollection AddProvinceApi(this IServiceCollection services, IConfiguration configuration)
    {
        ValidationFilterExtensions.UseVietnameseMessages();
        services.TryAddSingleton(TimeProvider.System);
        // API convention: enums travel as camelCase strings ("monday", not 1).
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        // Control characters and bidi overrides never get past the edge: every string of every JSON body is cleaned as it is read.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new CleanTextJsonConverter()));
        // Times leave in Vietnam's time (+07:00) whatever a module hands over; numbers are numbers (the web defaults also
        // read "12" as 12, which makes every integer "number | string" in the OpenAPI document and in generated clients).
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new VietnamTimeJsonConverter());
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // A missing or malformed query, route or header parameter reaches ProblemMapping as an exception naming the
        // parameter (in every environment, not only Development), instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProvinceCors(configuration);
        services.AddResponseCompression(options =>
        {
            // Answers that carry a secret (tokens) never echo attacker-chosen text beside it, so BREACH has nothing to
            // compare; images and files are compressed already and event streams must flush as they go.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv", "application/xml", "text/xml", "text/plain", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddProvinceProblems();
        services.AddProvinceAuthorization();
        services.AddProvinceRateLimits(configuration);
        services.TryAddSingleton<ApiRequestConcurrency>();
        services.AddMemoryCache();
        // SignedLinks reads the path base of the request it answers.
        services.AddHttpContextAccessor();
        services.TryAddSingleton<SignedLinks>();
        services.AddHealthChecks();
        // Live views (server-sent events) hear changes made on any host: PostgreSQL NOTIFY after commit, LISTEN per host.
        services.AddLiveChanges(configuration);
        // Public reads that everyone asks alike are kept a few seconds (PublicResponseCache); bounded in memory.
        services.AddOutputCache(options => options.SizeLimit = 32 * 1024 * 1024);
        return services;
    }

    /// <summary>
    /// Refuses to start when an enabled module needs a contract nothing answers; creates or patches the module
    /// stores' schemas when <c>Database:MigrateOnStartup</c>; adds demo data when <c>DemoData:Enabled</c>.
    /// </summary>
    public static async Task StartProvinceModulesAsync(this WebApplication app)
    {
        app.Services.EnsureRequiredRequestsAnswered();
        await app.InitializeDatabasesAsync(migrate: false);
    }

    /// <summary>
    /// The request pipeline in the order it must run: security headers on every answer, problems, query text checked,
    /// request body limits, then identity, limits, cache; and the health probes.
    /// </summary>
    public static WebApplication UseProvinceApi(this WebApplication app)
    {
        // The client address first (only from a configured proxy), then CORS, so every answer below carries its headers.
        app.UseProvinceForwardedHeaders();
        app.UseCors();
        app.UseSecurityHeaders();
        // ETags hash what is sent, so they sit outside compression.
        app.UsePublicReadETags();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseQueryTextGuard();
        // Every body limited per endpoint (64 KB unless the endpoint takes uploads) before anything reads it.
        app.UseRequestBodyLimits();
        // At most Http:MaxConcurrentApiRequests API requests at work, the rest waiting their turn (before identity).
        app.UseRequestConcurrencyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
