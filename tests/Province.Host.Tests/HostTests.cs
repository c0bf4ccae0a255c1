using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Province.Testing;

namespace Province.Host.Tests;

public sealed class HostTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_when_the_database_is_reachable()
    {
        using var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public void Every_endpoint_names_an_authorization_policy_or_is_explicitly_anonymous()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task The_OpenAPI_document_matches_the_approved_one()
    {
        using var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        var parsed = System.Text.Json.Nodes.JsonNode.Parse(document)!.AsObject();
        // The server address is this test run's random port, not part of the API.
        parsed.Remove("servers");
        var pretty = parsed.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Approval.Verify(pretty, "openapi");
    }

    [Fact]
    public async Task The_main_citizen_operations_and_every_problem_answer_carry_examples()
    {
        using var client = app.CreateClient();
        var document = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        foreach (var (path, operationId) in new[]
        {
            ("/api/dossiers", "SubmitDossier"), ("/api/field-reports", "SubmitFieldReport"),
            ("/api/appointments/tickets", "TakeQueueTicket"), ("/api/appointments/bookings", "BookAppointment"),
        })
        {
            var operation = document["paths"]![path]!["post"]!;
            Assert.Equal(operationId, operation["operationId"]!.GetValue<string>());
            var request = operation["requestBody"]!["content"]!["application/json"]!["example"];
            Assert.True(request is System.Text.Json.Nodes.JsonObject { Count: > 0 }, $"{operationId}: no request example");
            var answer = operation["responses"]!["201"]!["content"]!["application/json"]!["example"];
            Assert.True(answer is System.Text.Json.Nodes.JsonObject { Count: > 0 }, $"{operationId}: no answer example");
            // A problem example on each error answer, by reference to one declared with its stable code.
            var reference = operation["responses"]!["400"]!["content"]!["application/problem+json"]!["examples"]!.AsObject().Single().Value!["$ref"]!.GetValue<string>();
            Assert.Equal("#/components/examples/problem-400-validation", reference);
        }

        var validation = document["components"]!["examples"]!["problem-400-validation"]!["value"]!;
        Assert.Equal("validation.failed", validation["code"]!.GetValue<string>());
        Assert.Equal(400, validation["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_browsable_API_page_is_served()
    {
        using var client = app.CreateClient();

        var page = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_404_problem_in_Vietnamese()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/khong-co");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Không tìm thấy", problem.GetProperty("title").GetString());
        // The request's W3C trace id (ASP.NET Core's activity for the request), which the logs and traces carry too.
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task A_wrong_method_gets_a_405_problem()
    {
        using var client = app.CreateClient();

        var response = await client.DeleteAsync("/api/public/identity/agencies");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
