using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>Issue 16, finding 10: the headers every answer carries, the API description in Production, the 413 problem in Vietnamese.</summary>
public sealed class SecurityHeadersTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Every_answer_forbids_framing_sniffing_scripts_and_referrers_errors_included()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/health/live", "/api/public/field-reports", "/api/khong-co", "/api/identity/me" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var headers = response.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), path);
            Assert.Contains("default-src 'none'", csp!.Single(), StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp!.Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            // HSTS only when the province turns it on, and only over HTTPS.
            Assert.False(headers.Contains("Strict-Transport-Security"), path);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_with_a_vietnamese_title()
    {
        using var signedIn = await app.CitizenAsync("zalo-headers-413");
        // Expect: 100-continue, waited for as long as it takes: the host refuses on the declared length before the
        // client sends the body (a client that sends it anyway is cut off mid-body and sees no answer).
        using var citizen = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = signedIn.BaseAddress };
        citizen.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        using var form = new MultipartFormDataContent();
        // Over the dossier upload's whole-request limit (ten files of 10 MB with their framing, about 126 MB).
        var file = new ByteArrayContent(new byte[200 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "anh.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/dossiers/uploads", UriKind.Relative)) { Content = form };
        request.Headers.ExpectContinue = true;
        using var response = await citizen.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("title").GetString() == "Dữ liệu gửi lên quá lớn", problem.GetRawText());
    }
}

/// <summary>Province as deployed: the Production environment, without the setting that exposes the API description.</summary>
public sealed class ProductionExposureTests(ProductionExposureTests.ProductionApp app) : IClassFixture<ProductionExposureTests.ProductionApp>
{
    public class ProductionApp : ProvinceApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    public sealed class ProductionAppWithOpenApi : ProductionApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OpenApi:ExposeInProduction"] = "true" };
    }

    [Fact]
    public async Task Swagger_and_the_openapi_document_are_not_served_in_production_by_default()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative))).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task The_setting_serves_them_in_production()
    {
        var exposed = new ProductionAppWithOpenApi();
        await ((Xunit.IAsyncLifetime)exposed).InitializeAsync();
        try
        {
            using var client = exposed.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
            using var swagger = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
            Assert.Contains("script-src 'self'", swagger.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)exposed).DisposeAsync();
        }
    }
}
