using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

public sealed class LowRateLimitApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:AnonymousPermitsPerMinute"] = "3" };
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
}
