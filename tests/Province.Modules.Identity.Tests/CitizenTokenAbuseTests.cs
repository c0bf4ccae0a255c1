using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>A host whose refused-token budget per address is small (the Zalo circuit breaker opens after 10 failed calls at 50%).</summary>
public sealed class TokenAbuseApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:FailedCitizenTokensPerMinute"] = "5",
        ["Zalo:Resilience:MaxRetryAttempts"] = "1",
        ["Zalo:Resilience:RetryDelay"] = "00:00:00.010",
    };
}

/// <summary>
/// One anonymous caller cannot lock citizens out: tokens that are not tokens are refused locally (never sent to
/// Zalo, never counted by its circuit breaker), a refused token is remembered, and an address that keeps sending
/// refused tokens is stopped before Zalo is asked again (issue 16, finding 1).
/// </summary>
public sealed class CitizenTokenAbuseTests(TokenAbuseApp app) : IClassFixture<TokenAbuseApp>
{
    [Fact]
    public async Task Malformed_tokens_get_401_without_a_call_to_Zalo_and_citizens_still_sign_in()
    {
        var callsBefore = await ZaloCallsAsync();
        // A client that sends UTF-8 header bytes, as an attacker's would.
        using var host = app.CreateClient();
        using var raw = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = host.BaseAddress };
        string[] malformed = ["x-é", "abc def", "tok\u0001en", "====", new string('a', 5000), "a\"b"];
        for (var round = 0; round < 5; round++)
        {
            foreach (var token in malformed)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                var response = await raw.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Equal(callsBefore, await ZaloCallsAsync());
        using var citizen = await app.CitizenAsync("zalo-after-junk");
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/api/identity/me")).StatusCode);
    }

    [Fact]
    public async Task A_refused_token_is_asked_once_and_an_address_sending_refused_tokens_is_stopped_with_429()
    {
        // A citizen who signed in before the abuse started, from the same address.
        using var earlier = await app.CitizenAsync("zalo-before-abuse");
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/api/identity/me")).StatusCode);
        var callsBefore = await ZaloCallsAsync();
        using var client = app.CreateClient();

        // The same refused token again and again: Zalo is asked once.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "well-formed-but-unknown-token-1");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/identity/me")).StatusCode);
        }

        Assert.Equal(callsBefore + 1, await ZaloCallsAsync());

        // Distinct refused tokens: after the address's budget (5 a minute) they are not sent to Zalo any more.
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"well-formed-but-unknown-token-{attempt + 2}");
            answers.Add((await client.GetAsync("/api/identity/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.True(await ZaloCallsAsync() <= callsBefore + 5, $"Zalo was asked {await ZaloCallsAsync() - callsBefore} times.");
        var refused = await client.GetAsync("/api/identity/me");
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "auth.too_many_refused_tokens");
        Assert.NotNull(refused.Headers.RetryAfter);

        // Tokens already verified keep working for everyone behind that address.
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/api/identity/me")).StatusCode);
    }

    private async Task<int> ZaloCallsAsync()
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync<JsonElement>("/zalo-simulator/dev/graph-calls")).GetProperty("me").GetInt32();
    }
}

/// <summary>A phone token that cannot be one is a field error, not a 500 (issue 16, finding 1).</summary>
public sealed class PhoneTokenSyntaxTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_phone_token_with_a_newline_or_a_non_ASCII_letter_gets_a_400_field_error_not_a_500()
    {
        using var citizen = await app.CitizenAsync("zalo-phone-junk");
        foreach (var token in new[] { "abc\ndef", "mã-số", "a b" })
        {
            var response = await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token });
            var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("không hợp lệ", problem.GetRawText(), StringComparison.Ordinal);
        }
    }
}
