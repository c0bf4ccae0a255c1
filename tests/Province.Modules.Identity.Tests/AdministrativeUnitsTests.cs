using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Text;
using Province.Modules.Identity.Contracts;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>The province's map since 1 July 2025 (two tiers): communes for address pickers and old addresses resolved to them.</summary>
public sealed class AdministrativeUnitsTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static async Task<JsonElement> ResolveAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/api/public/identity/administrative-units/resolution?address={Uri.EscapeDataString(address)}");
        return await ApiAssert.OkAsync(response);
    }

    [Theory]
    [InlineData("Phường 1, thành phố Tây Ninh", "Phường Tân Ninh", "Phường 1")]
    [InlineData("12 Trần Hưng Đạo, P.3, TP. Tây Ninh, tỉnh Tây Ninh", "Phường Tân Ninh", "Phường 3")]
    [InlineData("phuong 4 tp tay ninh", "Phường Tân Ninh", "Phường IV")]
    [InlineData("xã Tân Bình, thành phố Tây Ninh", "Phường Bình Minh", "Xã Tân Bình")]
    [InlineData("Khu phố 1, Phường Ninh Sơn", "Phường Bình Minh", "Phường Ninh Sơn")]
    public async Task An_old_address_resolves_to_the_commune_it_became(string address, string commune, string former)
    {
        using var client = app.CreateClient();

        var match = await ResolveAsync(client, address);

        Assert.Equal(commune, match.GetProperty("unit").GetProperty("name").GetString());
        Assert.StartsWith(former + ",", match.GetProperty("formerName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_current_name_resolves_and_an_old_unit_of_another_district_does_not()
    {
        using var client = app.CreateClient();

        var current = await ResolveAsync(client, "so 5 duong 30/4, phuong tan ninh, tay ninh");
        Assert.Equal("Phường Tân Ninh", current.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("formerName").ValueKind);

        // Phường 1 of another former district is not the former city of Tây Ninh's.
        var elsewhere = await client.GetAsync($"/api/public/identity/administrative-units/resolution?address={Uri.EscapeDataString("Phường 1, thành phố Tân An, Long An")}");
        await ApiAssert.ProblemAsync(elsewhere, HttpStatusCode.NotFound, "administrative_unit.not_found");
    }

    [Fact]
    public async Task The_commune_list_is_searchable_without_diacritics_by_new_and_old_names()
    {
        using var client = app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/public/identity/administrative-units");
        var byNewName = await client.GetFromJsonAsync<JsonElement>("/api/public/identity/administrative-units?q=tan%20ninh");
        var byOldName = await client.GetFromJsonAsync<JsonElement>("/api/public/identity/administrative-units?q=hiep%20ninh");

        Assert.Contains(all.EnumerateArray(), u => u.GetProperty("name").GetString() == "Phường Long An");
        Assert.DoesNotContain(all.EnumerateArray(), u => u.GetProperty("kind").GetString() == "province");
        Assert.Equal(["Phường Tân Ninh"], byNewName.EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        var tanNinh = Assert.Single(byOldName.EnumerateArray());
        Assert.Equal(IdentityDemoDataIds.TanNinhWard, tanNinh.GetProperty("agencyId").GetGuid());
        Assert.Contains(tanNinh.GetProperty("formerUnits").EnumerateArray(), f => f.GetString() == "Phường Hiệp Ninh, Thành phố Tây Ninh, tỉnh Tây Ninh (cũ)");
    }

    [Fact]
    public async Task No_district_level_unit_is_left_in_the_agencies_or_the_units()
    {
        using var client = app.CreateClient();
        var agencies = await client.GetFromJsonAsync<JsonElement>("/api/public/identity/agencies?pageSize=100");
        var units = await client.GetFromJsonAsync<JsonElement>("/api/public/identity/administrative-units");
        string[] districtWords = ["huyen", "quan", "thi xa", "thanh pho"];

        var names = agencies.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()!)
            .Concat(units.EnumerateArray().Select(u => u.GetProperty("name").GetString()!)).ToList();
        var stored = await app.Database.ScalarAsync<string>("SELECT string_agg(data ->> 'name', ' | ') FROM identity.mt_doc_agency");

        Assert.True(names.Count > 20);
        Assert.All(names, name => Assert.DoesNotContain(districtWords, word => $" {VietnameseText.Fold(name)} ".Contains($" {word} ", StringComparison.Ordinal)));
        Assert.DoesNotContain(districtWords, word => VietnameseText.Fold(stored).Contains(word, StringComparison.Ordinal));
        Assert.All(agencies.GetProperty("items").EnumerateArray(), a => Assert.Contains(a.GetProperty("level").GetString(), new[] { "province", "department", "serviceCentre", "commune" }));
        // The departments merged away in 2025 are gone (Decree 45/2025/NĐ-CP).
        Assert.DoesNotContain(names, n => n.Contains("Kế hoạch và Đầu tư", StringComparison.Ordinal) || n.Contains("Tài nguyên và Môi trường", StringComparison.Ordinal)
            || n.Contains("Lao động - Thương binh", StringComparison.Ordinal) || n.Contains("Giao thông vận tải", StringComparison.Ordinal)
            || n.Contains("Thông tin và Truyền thông", StringComparison.Ordinal));
        Assert.Contains("Sở Nông nghiệp và Môi trường tỉnh Tây Ninh", names);
        Assert.Contains("Trung tâm Phục vụ hành chính công tỉnh Tây Ninh", names);
    }

    [Fact]
    public async Task Another_module_resolves_an_applicants_old_address_through_the_contract()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var match = await mediator.Send(new ResolveAdministrativeUnit("5 Lê Lợi, Phường 2, thành phố Tây Ninh"));
        var nothing = await mediator.Send(new ResolveAdministrativeUnit("Quận 1, Thành phố Hồ Chí Minh"));

        Assert.NotNull(match.Unit);
        Assert.Equal("Phường Tân Ninh", match.Unit.Name);
        Assert.Equal("ward", match.Unit.Kind);
        Assert.Equal(IdentityDemoDataIds.TanNinhWard, match.Unit.AgencyId);
        Assert.Null(nothing.Unit);
        Assert.Empty(nothing.Candidates);
    }

    [Fact]
    public async Task An_administrator_loads_the_provinces_list_and_an_officer_may_not()
    {
        using var administrator = await app.StaffAsync("quantri");
        using var officer = await app.StaffAsync("tuphap.lan");
        var file = new
        {
            units = new object[]
            {
                new { code = (string?)null, name = "Phường Long Hoa", kind = "ward", formerUnits = new[] { new { name = "Phường Long Thành Bắc", formerDistrict = "Thị xã Hòa Thành", formerProvince = "Tây Ninh" } } },
            },
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/staff/identity/administrative-units/import", file)).StatusCode);
        await ApiAssert.ProblemAsync(await administrator.PostAsJsonAsync("/api/staff/identity/administrative-units/import", new { units = new[] { new { name = "Xã X", kind = "huyen" } } }),
            HttpStatusCode.BadRequest);
        var loaded = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/identity/administrative-units/import", file));

        Assert.Equal(1, loaded.GetProperty("units").GetInt32());
        using var client = app.CreateClient();
        var match = await ResolveAsync(client, "phuong Long Thanh Bac, TX Hoa Thanh");
        Assert.Equal("Phường Long Hoa", match.GetProperty("unit").GetProperty("name").GetString());
    }
}

internal static class IdentityDemoDataIds
{
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
}
