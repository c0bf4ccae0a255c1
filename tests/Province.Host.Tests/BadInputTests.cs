using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Walks the OpenAPI document and sends every operation what a careless or hostile client would:
/// malformed JSON, wrong types, oversized strings, invalid Unicode, negative and huge numbers,
/// unknown ids, and forged tokens. The answer is always a 4xx problem (never a 500), and nothing is
/// written to any module's tables.
/// </summary>
public sealed class BadInputTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static readonly string[] Schemas = ["identity", "notifications", "dossiers", "appointments", "field_reports"];

    [Fact]
    public async Task Every_operation_answers_bad_input_with_a_4xx_problem_and_writes_nothing()
    {
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var citizen = await app.CitizenAsync("zalo-bad-input");
        (await citizen.GetAsync("/api/identity/me")).EnsureSuccessStatusCode(); // the citizen row exists before the count
        var administrator = await app.StaffAsync("quantri");
        using var forged = app.CreateClient(); // each request carries its own forged Authorization header
        var before = await CountRowsAsync();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (path.EndsWith("/stream", StringComparison.Ordinal))
                {
                    continue; // A live stream of a missing office is covered by the 404 of its GET twin.
                }

                var client = path.StartsWith("/api/staff", StringComparison.Ordinal) ? administrator
                    : path.StartsWith("/api/public", StringComparison.Ordinal) || path.StartsWith("/open311", StringComparison.Ordinal) ? anonymous
                    : citizen;
                foreach (var (label, request) in BadRequests(path, method, operation!, document))
                {
                    using (request)
                    {
                        // An operation that takes no input at all (delete my profile, import the catalog) has no bad
                        // input to send: signed, it would simply do its job. Only the forged token applies to it.
                        var takesInput = operation!["requestBody"] is not null || (operation["parameters"]?.AsArray().Count ?? 0) > 0;
                        foreach (var (who, sender) in new[] { ("signed", client), ("forged", forged) }.Where(w => takesInput || w.Item1 == "forged"))
                        {
                            using var copy = await CloneAsync(request);
                            if (who == "forged")
                            {
                                copy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged-" + Guid.NewGuid().ToString("N"));
                            }

                            var response = await sender.SendAsync(copy);
                            sent++;
                            var status = (int)response.StatusCode;
                            var type = response.Content.Headers.ContentType?.MediaType ?? "";
                            var open311 = path.StartsWith("/open311", StringComparison.Ordinal);
                            if (status >= 500 || (status >= 400 && !(type == "application/problem+json" || (open311 && type is "application/json" or "application/xml"))))
                            {
                                failures.Add($"{method.ToUpperInvariant()} {path} [{label}, {who}] -> {status} {type}: {Truncate(await response.Content.ReadAsStringAsync())}");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(sent > 300, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, await CountRowsAsync());
    }

    /// <summary>The bad variants of one operation: every path id unknown, and each kind of broken body or query.</summary>
    private static IEnumerable<(string Label, HttpRequestMessage Request)> BadRequests(string path, string method, JsonNode operation, JsonNode document)
    {
        var url = Fill(path, operation);
        var http = new HttpMethod(method.ToUpperInvariant());
        var schema = BodySchema(operation, document);
        var queryNames = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();

        yield return ("unknown ids", Request(http, url + Query(queryNames, "-1"), schema is null ? null : "{}"));
        yield return ("huge query numbers", Request(http, url + Query(queryNames, "99999999999999999999"), schema is null ? null : "{}"));
        if (schema is null)
        {
            yield break;
        }

        yield return ("malformed JSON", Request(http, url, "{\"a\": [1, 2"));
        yield return ("invalid Unicode", Request(http, url, "{\"x\": \"\\ud800\\udc00\\ud800\"}", raw: Encoding.UTF8.GetBytes("{\"name\": \"").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray()));
        foreach (var (label, transform) in new (string, Func<string?, JsonNode?>)[]
        {
            ("wrong types", type => type switch { "string" => 12345, "integer" or "number" => "mười hai", "boolean" => "có", "array" => "x", _ => 42 }),
            ("oversized strings", type => type == "string" ? new string('x', 100_000) : type is "integer" or "number" ? 1e30 : null),
            ("negative numbers", type => type is "integer" or "number" ? -1 : type == "string" ? "" : null),
        })
        {
            var body = new JsonObject();
            foreach (var (name, property) in Properties(schema, document))
            {
                body[name] = transform(Type(property, document));
            }

            yield return (label, Request(http, url, body.ToJsonString()));
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? json, byte[]? raw = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (raw is not null || json is not null)
        {
            request.Content = new ByteArrayContent(raw ?? Encoding.UTF8.GetBytes(json!));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static string Fill(string path, JsonNode operation)
    {
        var url = path;
        foreach (var parameter in (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "path"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            var format = parameter["schema"]?["format"]?.GetValue<string>();
            url = url.Replace("{" + name + "}", name == "format" ? "json" : format == "uuid" ? Guid.NewGuid().ToString() : "khong-co-" + Guid.NewGuid().ToString("N")[..6], StringComparison.Ordinal);
        }

        return url;
    }

    private static string Query(List<string> names, string value) =>
        names.Count == 0 ? "" : "?" + string.Join('&', names.Select(n => $"{n}={Uri.EscapeDataString(value)}"));

    private static JsonNode? BodySchema(JsonNode operation, JsonNode document) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema, document) : null;

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode schema, JsonNode document) =>
        (Resolve(schema, document)["properties"]?.AsObject() ?? []).Select(p => (p.Key, Resolve(p.Value!, document)));

    private static string? Type(JsonNode schema, JsonNode document)
    {
        var type = Resolve(schema, document)["type"];
        return type switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue value => value.GetValue<string>(),
            _ => null,
        };
    }

    private static JsonNode Resolve(JsonNode schema, JsonNode document)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        }

        return schema;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync());
            copy.Content.Headers.ContentType = request.Content.Headers.ContentType;
        }

        return copy;
    }

    private async Task<long> CountRowsAsync()
    {
        long total = 0;
        foreach (var schema in Schemas)
        {
            var tables = await app.Database.ScalarAsync<string>(
                "SELECT string_agg(format('SELECT count(*) FROM %I.%I', table_schema, table_name), ' UNION ALL ') FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE'",
                ("schema", schema));
            total += await app.Database.ScalarAsync<long>($"SELECT sum(count)::bigint FROM ({tables}) counts");
        }

        return total;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
