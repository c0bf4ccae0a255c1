using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>What a browser or generated client counts on from every answer (issue 13): CORS, times, named parameters, compression, ETags.</summary>
public sealed partial class ApiClientTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private const string ZaloOrigin = "https://h5.zdn.vn";
    private static readonly Guid TanNinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a1");

    [Fact]
    public async Task A_preflight_from_the_Zalo_mini_app_is_answered_with_the_origin_and_the_headers_a_client_sends()
    {
        using var client = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/dossiers");
        preflight.Headers.Add("Origin", ZaloOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ZaloOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("idempotency-key", allowed, StringComparison.Ordinal);
        Assert.Contains("authorization", allowed, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task An_origin_not_configured_gets_no_CORS_headers()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/identity/agencies");
        request.Headers.Add("Origin", "https://evil.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/dossiers");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await client.SendAsync(request);
        var refusedPreflight = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(refusedPreflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_error_answer_carries_CORS_headers_so_the_mini_app_can_read_the_problem()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Add("Origin", ZaloOrigin);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ZaloOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "Location", "Retry-After", "Idempotent-Replayed", "ETag" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_now_serving_event_stream_carries_CORS_headers()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/public/appointments/offices/{TanNinhOffice}/now-serving/stream");
        request.Headers.Add("Origin", ZaloOrigin);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ZaloOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        // Never compressed (a compressor would hold events back); the framework marks the stream "identity".
        Assert.DoesNotContain(response.Content.Headers.ContentEncoding, encoding => encoding is "br" or "gzip");
    }

    [Fact]
    public async Task Every_time_in_a_JSON_answer_is_in_Vietnam_time()
    {
        using var citizen = await app.CitizenAsync();
        using var staff = await app.StaffAsync("tuphap.lan");
        using var anonymous = app.CreateClient();
        var answers = new List<string>
        {
            await citizen.GetStringAsync("/api/identity/me"),
            await anonymous.GetStringAsync("/api/public/field-reports"),
            await anonymous.GetStringAsync($"/api/public/appointments/offices/{TanNinhOffice}/now-serving"),
            await staff.GetStringAsync("/api/staff/dossiers/queue"),
        };

        var times = answers.SelectMany(answer => IsoTime().Matches(answer)).Select(match => match.Value).ToList();

        Assert.NotEmpty(times);
        Assert.All(times, time => Assert.EndsWith("+07:00\"", time, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_query_parameter_answers_400_naming_it()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/public/appointments/offices/{TanNinhOffice}/slots?day=2026-12-02");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation.invalid_parameter", problem.GetProperty("code").GetString());
        Assert.Contains("serviceGroupId", problem.GetProperty("errors").GetProperty("serviceGroupId")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_query_parameter_answers_400_naming_it()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/public/dossiers/procedures?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation.invalid_parameter", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task JSON_answers_are_compressed_when_the_client_accepts_it()
    {
        using var client = app.CreateClient();
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/dossiers/procedures?pageSize=50");
            request.Headers.AcceptEncoding.ParseAdd(encoding);

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task A_public_read_carries_a_strong_ETag_and_answers_304_when_it_has_not_changed()
    {
        using var client = app.CreateClient();

        var first = await client.GetAsync("/api/public/identity/agencies");
        var tag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/public/identity/agencies");
        again.Headers.IfNoneMatch.Add(tag!);
        var revalidated = await client.SendAsync(again);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/public/identity/agencies");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        var changed = await client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, revalidated.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEmpty(await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_output_cached_public_read_answers_304_too()
    {
        using var client = app.CreateClient();

        var first = await client.GetAsync($"/api/public/appointments/offices/{TanNinhOffice}/now-serving");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/public/appointments/offices/{TanNinhOffice}/now-serving");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [GeneratedRegex("\"\\d{4}-\\d{2}-\\d{2}T[^\"]*\"")]
    private static partial Regex IsoTime();
}
