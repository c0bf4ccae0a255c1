using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Province.Host.Setup;

/// <summary>
/// What an operator watches: structured logs (the built-in JSON console formatter, chosen in appsettings; plain
/// text in Development), and, when <c>OpenTelemetry:OtlpEndpoint</c> names a collector, OpenTelemetry traces and
/// metrics for ASP.NET Core, outgoing HTTP (Zalo, the national portal), Npgsql and Marten, exported there over
/// OTLP. Without a collector nothing is recorded: spans nobody receives cost the host up to 15% of its CPU a
/// request (docs/decisions.md ADR 24, sixteenth session). Problems carry the request's W3C trace id either way
/// (ASP.NET Core starts the request's activity for its logs; BuildingBlocks' ProblemMapping), so a citizen's
/// complaint can be found in the logs, and in the traces when they are collected.
/// </summary>
internal static class Observability
{
    public static IServiceCollection AddProvinceObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OpenTelemetry:ServiceName"] ?? "province"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes every few seconds would drown the traces that matter.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                // The instrumentation redacts query-string values by default: a token in a URL never reaches a span.
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Marten"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Marten"))
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        return services;
    }
}
