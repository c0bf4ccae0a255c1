using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>Zalo up but failing: it answers 500 to every call, from a loopback port of its own, and counts the calls.</summary>
public sealed class ZaloFailingApp : ProvinceApp
{
    private readonly WebApplication _zalo;
    private int _calls;

    public ZaloFailingApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _zalo = builder.Build();
        _zalo.Use((HttpContext context, RequestDelegate _) =>
        {
            Interlocked.Increment(ref _calls);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        _zalo.Start();
    }

    /// <summary>How many calls reached Zalo.</summary>
    public int ZaloCalls => Volatile.Read(ref _calls);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Zalo:GraphBaseUrl"] = _zalo.Urls.First() + "/graph",
        ["Zalo:Resilience:MaxRetryAttempts"] = "1",
        ["Zalo:Resilience:RetryDelay"] = "00:00:00.010",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _zalo.DisposeAsync();
    }
}

public sealed class ZaloFailingTests(ZaloFailingApp app) : IClassFixture<ZaloFailingApp>
{
    [Fact]
    public async Task Citizens_get_503_with_Retry_After_when_Zalo_keeps_answering_500()
    {
        using var citizen = await app.CitizenAsync("zalo-failing");

        var response = await citizen.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("server.dependency_unavailable", problem.GetProperty("code").GetString());
        // The first attempt and the one retry Zalo:Resilience:MaxRetryAttempts allows: the pipeline runs on our settings.
        Assert.Equal(2, app.ZaloCalls);
    }
}
