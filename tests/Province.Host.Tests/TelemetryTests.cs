using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Traces are recorded only for a collector: without one, spans nobody receives cost the host up to 15% of its CPU
/// a request (ADR 24, sixteenth session). The problem's trace id is the request's either way; its last field, the
/// W3C trace flags, says whether the request was recorded (01) or not (00). The host with a collector runs as a
/// process of its own: an OpenTelemetry tracer listens to every ASP.NET Core activity of its process, so in this
/// one it would record the other test hosts' requests too.
/// </summary>
public sealed class TelemetryTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Without_a_collector_a_request_is_not_recorded_but_its_problem_carries_its_trace_id()
    {
        using var client = app.CreateClient();

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-00$", await ProblemTraceIdAsync(client));
    }

    [Fact]
    public async Task With_a_collector_named_every_request_is_recorded_for_it()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var files = Directory.CreateTempSubdirectory("province-telemetry-files-").FullName;
        var host = new HostProcess(new Dictionary<string, string>
        {
            ["ConnectionStrings__Province"] = database.ConnectionString,
            ["Files__Directory"] = files,
            // Nothing listens on the discard port: the exports fail quietly, the recording is what is tested.
            ["OpenTelemetry__OtlpEndpoint"] = "http://127.0.0.1:9",
        });
        try
        {
            await host.StartAsync();
            using var client = host.CreateClient();

            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", await ProblemTraceIdAsync(client));
        }
        finally
        {
            await host.DisposeAsync();
            Directory.Delete(files, recursive: true);
        }
    }

    private static async Task<string?> ProblemTraceIdAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/khong-co", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("traceId").GetString();
    }
}
