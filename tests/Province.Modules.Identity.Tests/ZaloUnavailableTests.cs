using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>Zalo pointed at a closed port: citizens get a quick 503 with Retry-After, never a 500 or a hang.</summary>
public sealed class ZaloUnavailableApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Zalo:GraphBaseUrl"] = "http://127.0.0.1:9/graph",
        ["Zalo:Resilience:MaxRetryAttempts"] = "1",
        ["Zalo:Resilience:RetryDelay"] = "00:00:00.010",
    };
}

public sealed class ZaloUnavailableTests(ZaloUnavailableApp app) : IClassFixture<ZaloUnavailableApp>
{
    [Fact]
    public async Task Citizens_get_503_with_Retry_After_when_Zalo_cannot_be_reached()
    {
        using var citizen = await app.CitizenAsync("zalo-down");

        var response = await citizen.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("server.dependency_unavailable", problem.GetProperty("code").GetString());
    }
}
