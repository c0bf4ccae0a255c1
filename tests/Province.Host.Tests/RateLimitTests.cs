using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

public sealed class LowRateLimitApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:AnonymousPermitsPerMinute"] = "3",
        ["RateLimiting:ClientPermitsPerMinute"] = "3",
    };
}

/// <summary>Behind a configured proxy that is not the test's own address: the tests' X-Forwarded-For comes from a non-proxy.</summary>
public sealed class ElsewhereProxyApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:AnonymousPermitsPerMinute"] = "3",
        ["ForwardedHeaders:KnownProxies:0"] = "10.20.30.40",
        ["ForwardedHeaders:KnownNetworks:0"] = "192.168.77.0/24",
    };
}

public sealed class RateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task Anonymous_endpoints_answer_429_with_Retry_After_past_the_limit()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/public/identity/agencies")).EnsureSuccessStatusCode();
        }

        var refused = await client.GetAsync("/api/public/identity/agencies");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request.rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal("Quá nhiều yêu cầu", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Two_citizens_behind_one_address_each_have_their_own_limit()
    {
        using var first = await app.CitizenAsync("zalo-nat-first", "Nguyễn Văn Một");
        using var second = await app.CitizenAsync("zalo-nat-second", "Trần Thị Hai");
        for (var i = 0; i < 3; i++)
        {
            (await first.GetAsync("/api/identity/me")).EnsureSuccessStatusCode();
        }

        var refused = await first.GetAsync("/api/identity/me");
        var other = await second.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

public sealed class ForwardedAddressTests(ElsewhereProxyApp app) : IClassFixture<ElsewhereProxyApp>
{
    [Fact]
    public async Task A_forwarded_address_from_a_caller_that_is_not_a_configured_proxy_is_ignored()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/public/identity/agencies");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/public/identity/agencies");
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.99");
        var refused = await client.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }
}
