using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Province.Simulators.Host;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// The simulators in a process of their own (<c>src/Simulators/Host</c>, as the benchmark runs them): Province, with its
/// own simulators off, signs citizens in through the Zalo simulator's address as it would through Zalo's.
/// </summary>
public sealed class SimulatorsHostTests : IAsyncLifetime
{
    private WebApplication? _simulators;
    private ProvinceWithRemoteZalo? _province;
    private Uri? _simulatorsAddress;

    public async Task InitializeAsync()
    {
        _simulators = SimulatorsHost.Build(["--urls", "http://127.0.0.1:0", "--Zalo:AppSecret=" + ProvinceApp.BaseSettings["Zalo:AppSecret"]]);
        await _simulators.StartAsync();
        var address = _simulators.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _simulatorsAddress = new Uri(address);
        _province = new ProvinceWithRemoteZalo(new Uri(_simulatorsAddress, "/zalo-simulator/graph"));
        await _province.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_province is not null)
        {
            await ((IAsyncLifetime)_province).DisposeAsync();
        }

        if (_simulators is not null)
        {
            await _simulators.DisposeAsync();
        }
    }

    [Fact]
    public async Task Province_signs_a_citizen_in_through_the_Zalo_simulator_at_its_own_address()
    {
        using var simulators = new HttpClient { BaseAddress = _simulatorsAddress };
        var minted = await simulators.PostAsJsonAsync("/zalo-simulator/dev/access-tokens", new { userId = "remote-zalo-1", name = "Lê Thị Xa" });
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var citizen = _province!.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var profile = await citizen.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("Lê Thị Xa", (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zaloName").GetString());
        // A token the simulator never minted is refused, as Zalo refuses it: Province asked the simulator, not itself.
        using var stranger = _province.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-zalo-gave");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/identity/me")).StatusCode);
        // And Province itself carries no simulator.
        using var anonymous = _province.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/zalo-simulator/dev/access-tokens", new { userId = "x" })).StatusCode);
    }

    private sealed class ProvinceWithRemoteZalo(Uri graphBaseUrl) : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Zalo:Simulator:Enabled"] = "false",
            ["Zalo:GraphBaseUrl"] = graphBaseUrl.ToString().TrimEnd('/'),
        };
    }
}
