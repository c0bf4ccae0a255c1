using System.Net;
using Province.Testing;

namespace Province.Host.Tests;

public sealed class WithoutNotificationsApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Modules:Notifications:Enabled"] = "false" };
}

/// <summary>A province that takes Identity without Notifications still runs.</summary>
public sealed class ModuleSwitchTests(WithoutNotificationsApp app) : IClassFixture<WithoutNotificationsApp>
{
    [Fact]
    public async Task A_switched_off_module_has_no_endpoints_and_the_others_still_work()
    {
        using var citizen = await app.CitizenAsync("zalo-no-notifications");

        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/api/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/api/identity/me")).StatusCode);
        using var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
