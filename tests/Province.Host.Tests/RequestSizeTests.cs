using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>Issue 16, finding 6: JSON bodies are limited small before they are read; upload endpoints keep their own larger limit.</summary>
public sealed class RequestSizeTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_28_mb_json_body_is_refused_with_413_before_it_is_read()
    {
        using var signedIn = await app.CitizenAsync("zalo-size-1");
        // Expect: 100-continue, as a well-behaved client sends a large body: the host answers on the declared length alone.
        using var citizen = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = signedIn.BaseAddress };
        citizen.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        // A field report whose description is 28 MB: valid JSON, so only the size can stop it.
        var body = new StringBuilder(28 * 1024 * 1024 + 200);
        body.Append("{\"categoryId\":\"").Append(Guid.NewGuid()).Append("\",\"title\":\"Ổ gà\",\"address\":\"Tây Ninh\",\"description\":\"");
        body.Append('a', 28 * 1024 * 1024).Append("\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/field-reports", UriKind.Relative))
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.ExpectContinue = true;

        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await citizen.SendAsync(request);
        }
        catch (HttpRequestException exception)
        {
            // The server answered 413 and closed the connection while the client was still sending: refused, not read.
            Assert.Fail($"No answer read ({exception.Message}); expected the 413 before the body was sent.");
            return;
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("title").GetString() == "Dữ liệu gửi lên quá lớn", problem.GetRawText());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Took {watch.Elapsed}.");
        }
    }

    [Fact]
    public async Task A_json_body_over_64_kb_is_refused_and_one_under_it_is_read()
    {
        using var citizen = await app.CitizenAsync("zalo-size-2");
        var big = await citizen.PostAsync(new Uri("/api/field-reports", UriKind.Relative), Json(70 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);

        // Under the limit the body is read and judged on its content (the validator: the description is too long).
        var read = await citizen.PostAsync(new Uri("/api/field-reports", UriKind.Relative), Json(30 * 1024));
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task An_upload_within_its_own_limit_still_passes()
    {
        using var citizen = await app.CitizenAsync("zalo-size-3");
        var pdf = new byte[9 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "to-khai.pdf");

        var response = await citizen.PostAsync(new Uri("/api/dossiers/uploads", UriKind.Relative), form);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(int descriptionLength)
    {
        var text = new string('a', descriptionLength);
        return new StringContent(
            $"{{\"categoryId\":\"{Guid.NewGuid()}\",\"title\":\"Ổ gà\",\"address\":\"Tây Ninh\",\"description\":\"{text}\"}}", Encoding.UTF8, "application/json");
    }
}
