using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.DemoData;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>What other modules ask Identity through its Contracts, in process, through MediatR.</summary>
public sealed class ContractsTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Another_module_reads_an_agency_from_the_directory()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var agency = await mediator.Send(new GetAgency(IdentityDemoData.JusticeDepartment));
        var missing = await mediator.Send(new GetAgency(Guid.CreateVersion7()));

        Assert.NotNull(agency);
        Assert.Equal("000.00.12.H57", agency.Code);
        Assert.Equal("department", agency.Level);
        Assert.Equal(IdentityDemoData.ProvinceCommittee, agency.ParentId);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Another_module_prefills_a_form_from_the_citizens_profile()
    {
        using var citizen = await app.CitizenAsync("zalo-prefill");
        (await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Phan Thị Cúc", address = "Ấp 3, xã Tân Bình", version = 0 })).EnsureSuccessStatusCode();
        var citizenId = (await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();
        await using var scope = app.Services.CreateAsyncScope();

        var profile = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetCitizenProfile(citizenId));

        Assert.NotNull(profile);
        Assert.Equal("Phan Thị Cúc", profile.FullName);
        Assert.Equal("Ấp 3, xã Tân Bình", profile.Address);
    }
}
