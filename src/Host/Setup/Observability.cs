using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Province.Host.Setup;

/// <summary>
/// What an operator watches: structured logs (the built-in JSON console formatter, chosen in appsettings;
/// plain text in Development), and OpenTelemetry traces and metrics for ASP.NET Core, outgoing HTTP
/// (Zalo, the national portal), Npgsql and Marten, exported over OTLP when
/// <c>OpenTelemetry:OtlpEndpoint</c> is set (nothing is exported otherwise). Problems carry the trace id
/// (<see cref="Errors"/>), so a citizen's complaint can be found in the traces.
/// </summary>
internal static class Observability
{
    public static IServiceCollection AddProvinceObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"];
        var telemetry = services.AddOpenTelemetry()
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
                .AddMeter("Npgsql", "Marten"));
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }

        return services;
    }
}
