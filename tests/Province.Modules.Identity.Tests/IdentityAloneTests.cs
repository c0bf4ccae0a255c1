using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Identity.Contracts;
using Province.Simulators.Zalo;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>
/// Another province takes Identity alone (it needs no other module's contract): citizens come from Zalo (here
/// its simulator), staff sign in, and the contracts other modules would send are answered.
/// </summary>
public sealed class IdentityAloneTests
{
    [Fact]
    public async Task Identity_runs_alone_signs_in_citizens_and_staff_and_answers_its_contracts()
    {
        await using var host = await ModuleAloneHost.StartAsync(
            new IdentityModule(),
            answerContracts: _ => { },
            settings: new Dictionary<string, string?>
            {
                ["Zalo:AppId"] = "province-test",
                ["Zalo:AppSecret"] = "test-app-secret",
                ["Zalo:GraphBaseUrl"] = "/zalo-simulator/graph",
            },
            addSimulators: (services, configuration) => services.AddZaloSimulator(configuration),
            mapSimulators: app => app.MapZaloSimulator());
        using var anonymous = host.CreateClient();

        // A citizen opens the mini app: the Zalo token is the only credential; the record is created on first sight.
        var minted = await anonymous.PostAsJsonAsync("/zalo-simulator/dev/access-tokens", new { userId = "zalo-alone-1", name = "Võ Thị Thu" });
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var citizen = host.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        var citizenId = me.GetProperty("id").GetGuid();
        await ApiAssert.OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Võ Thị Thu", address = "5 Cách Mạng Tháng Tám", version = 0 }));

        // What another module would ask.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var profile = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetCitizenProfile(citizenId));
            Assert.Equal("Võ Thị Thu", profile?.FullName);
        }

        // Staff sign in with the demo administrator and read the directory.
        var signIn = await anonymous.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName = "quantri", password = ProvinceApp.DemoPassword });
        using var administrator = host.CreateClient();
        administrator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await ApiAssert.OkAsync(signIn)).GetProperty("accessToken").GetString());
        var agencies = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/identity/agencies");
        Assert.NotEqual(0, agencies.GetProperty("total").GetInt32());
        var agencyId = agencies.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/api/staff/identity/agencies/{agencyId}/staff")).StatusCode);
    }
}
