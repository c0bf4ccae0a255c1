using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Modules.Identity.DemoData;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

public sealed class StaffTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static readonly Guid Justice = IdentityDemoData.JusticeDepartment;
    private static readonly Guid Environment = IdentityDemoData.AgricultureEnvironmentDepartment;
    private static readonly Guid Finance = IdentityDemoData.FinanceDepartment;

    private static object NewAccount(string userName, string role, Guid agencyId) =>
        new { userName, fullName = "Hồ Văn Nam", password = "Bau-Troi-Xanh-2026", role, agencyId };

    [Fact]
    public async Task An_officer_lists_the_officers_of_their_own_agency()
    {
        using var officer = await app.StaffAsync("tuphap.lan");

        var page = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{Justice}/staff");

        var names = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("fullName").GetString()).ToList();
        Assert.Equal(["Nguyễn Thị Lan", "Trần Văn Hùng"], names);
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.DoesNotContain("passwordHash", page.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_officer_of_another_agency_is_refused_with_403()
    {
        using var officer = await app.StaffAsync("nnmt.thao");

        var response = await officer.GetAsync($"/api/staff/identity/agencies/{Justice}/staff");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_administrator_sees_any_agency()
    {
        using var administrator = await app.StaffAsync("quantri");

        var page = await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{Environment}/staff");

        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_wrong_password_gets_401_with_a_Vietnamese_problem()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName = "tuphap.lan", password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("identity.bad_credentials", problem.GetProperty("code").GetString());
        Assert.Contains("mật khẩu", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_token_does_not_open_staff_endpoints()
    {
        using var citizen = await app.CitizenAsync("zalo-not-staff");

        var response = await citizen.GetAsync($"/api/staff/identity/agencies/{Justice}/staff");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_opens_an_officer_account_that_can_sign_in()
    {
        using var administrator = await app.StaffAsync("quantri");

        var created = await administrator.PostAsJsonAsync("/api/staff/identity/staff", NewAccount("TaiChinh.Nam", "officer", Finance));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.Location);
        using var client = app.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName = "taichinh.nam", password = "Bau-Troi-Xanh-2026" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var duplicate = await administrator.PostAsJsonAsync("/api/staff/identity/staff", NewAccount("taichinh.nam", "officer", Finance));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task An_officer_cannot_open_accounts()
    {
        using var officer = await app.StaffAsync("tuphap.lan");

        var response = await officer.PostAsJsonAsync("/api/staff/identity/staff", NewAccount("tuphap.x", "administrator", Justice));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_agency_directory_is_public()
    {
        using var anonymous = app.CreateClient();

        var page = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/identity/agencies?pageSize=50");

        Assert.Equal(17, page.GetProperty("total").GetInt32());
        Assert.Contains(page.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Sở Tư pháp tỉnh Tây Ninh");
    }
}
