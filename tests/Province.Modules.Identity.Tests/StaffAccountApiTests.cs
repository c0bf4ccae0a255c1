using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Modules.Identity.DemoData;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>
/// Issue 13: the staff session a back office builds on (who am I, refresh, sign-out under /me) and the administrators'
/// account list, deactivation and password reset.
/// </summary>
public sealed class StaffAccountApiTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private const string StrongPassword = "Cay-Xoai-Nha-Toi-2026";

    [Fact]
    public async Task Who_am_I_names_the_account_its_role_its_agency_and_when_the_session_ends()
    {
        using var officer = await app.StaffAsync("tuphap.lan");

        var me = await ApiAssert.OkAsync(await officer.GetAsync("/api/staff/identity/me"));

        Assert.Equal("tuphap.lan", me.GetProperty("userName").GetString());
        Assert.Equal(["officer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var agency = Assert.Single(me.GetProperty("agencies").EnumerateArray());
        Assert.Equal(IdentityDemoData.JusticeDepartment, agency.GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrEmpty(agency.GetProperty("name").GetString()));
        Assert.EndsWith("+07:00", me.GetProperty("sessionExpiresAt").GetString(), StringComparison.Ordinal);
        var expires = me.GetProperty("sessionExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - app.Clock.GetUtcNow(), TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_with_a_later_expiry_and_the_old_token_is_refused()
    {
        var userName = await CreateAccountAsync();
        using var old = await SignedInAsync(userName, StrongPassword);
        var before = (await ApiAssert.OkAsync(await old.GetAsync("/api/staff/identity/me"))).GetProperty("sessionExpiresAt").GetDateTimeOffset();
        app.Clock.Advance(TimeSpan.FromHours(2));

        var refreshed = await ApiAssert.OkAsync(await old.PostAsync("/api/staff/identity/me/refresh", null));

        using var renewed = app.CreateClient();
        renewed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        var after = (await ApiAssert.OkAsync(await renewed.GetAsync("/api/staff/identity/me"))).GetProperty("sessionExpiresAt").GetDateTimeOffset();
        Assert.True(after > before.AddHours(1.5), $"{after} should be about two hours after {before}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/staff/identity/me")).StatusCode);

        // Sign-out lives under /me too and ends the renewed token.
        Assert.Equal(HttpStatusCode.NoContent, (await renewed.PostAsync("/api/staff/identity/me/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await renewed.GetAsync("/api/staff/identity/me")).StatusCode);
    }

    [Fact]
    public async Task Administrators_list_staff_by_search_agency_role_and_state_with_agency_names()
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = await CreateAccountAsync("Trịnh Văn Đức");

        var found = await ApiAssert.OkAsync(await administrator.GetAsync(
            $"/api/staff/identity/staff?q=trinh van duc&agencyId={IdentityDemoData.JusticeDepartment}&role=officer&active=true"));

        Assert.Equal(1, found.GetProperty("total").GetInt32());
        var item = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(userName, item.GetProperty("userName").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("agencyName").GetString()));
        var administrators = await ApiAssert.OkAsync(await administrator.GetAsync("/api/staff/identity/staff?role=administrator&pageSize=100"));
        Assert.All(administrators.GetProperty("items").EnumerateArray(), a => Assert.Equal("administrator", a.GetProperty("role").GetString()));

        // Officers cannot list every account.
        using var officer = await app.StaffAsync("tuphap.lan");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/staff/identity/staff")).StatusCode);
    }

    [Fact]
    public async Task Deactivating_ends_the_sessions_and_the_list_shows_the_account_inactive()
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = await CreateAccountAsync();
        using var officer = await SignedInAsync(userName, StrongPassword);
        var id = await IdAsync(administrator, userName);

        var deactivated = await ApiAssert.OkAsync(await administrator.PostAsync($"/api/staff/identity/staff/{id}/deactivate", null));

        Assert.False(deactivated.GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/staff/identity/me")).StatusCode);
        var inactive = await ApiAssert.OkAsync(await administrator.GetAsync($"/api/staff/identity/staff?q={userName}&active=false"));
        Assert.Equal(1, inactive.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_reset_gives_a_one_time_temporary_password_that_must_be_changed_and_ends_the_old_sessions()
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = await CreateAccountAsync();
        using var before = await SignedInAsync(userName, StrongPassword);
        var id = await IdAsync(administrator, userName);

        var reset = await ApiAssert.OkAsync(await administrator.PostAsync($"/api/staff/identity/staff/{id}/reset-password", null));

        var temporary = reset.GetProperty("temporaryPassword").GetString()!;
        Assert.True(reset.GetProperty("staff").GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/staff/identity/me")).StatusCode);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, userName, StrongPassword)).StatusCode);
        using var withTemporary = await SignedInAsync(userName, temporary);
        Assert.True((await ApiAssert.OkAsync(await withTemporary.GetAsync("/api/staff/identity/me"))).GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await withTemporary.PostAsJsonAsync("/api/staff/identity/me/password",
            new { currentPassword = temporary, newPassword = "Hoa-Sen-Trong-Ao-2027" })).StatusCode);
        Assert.False((await ApiAssert.OkAsync(await withTemporary.GetAsync("/api/staff/identity/me"))).GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task A_temporary_password_not_changed_within_a_day_no_longer_signs_in()
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = await CreateAccountAsync();
        var id = await IdAsync(administrator, userName);
        var temporary = (await ApiAssert.OkAsync(await administrator.PostAsync($"/api/staff/identity/staff/{id}/reset-password", null)))
            .GetProperty("temporaryPassword").GetString()!;

        app.Clock.Advance(TimeSpan.FromHours(25));

        using var client = app.CreateClient();
        await ApiAssert.ProblemAsync(await SignInAsync(client, userName, temporary), HttpStatusCode.Unauthorized, "identity.temporary_password_expired");
    }

    private async Task<string> CreateAccountAsync(string fullName = "Đặng Thị Yến")
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = "tk.api." + Guid.NewGuid().ToString("N")[..8];
        var created = await administrator.PostAsJsonAsync("/api/staff/identity/staff",
            new { userName, fullName, password = StrongPassword, role = "officer", agencyId = IdentityDemoData.JusticeDepartment });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(created.Headers.Location!.OriginalString, $"/api/staff/identity/staff/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        return userName;
    }

    private static async Task<Guid> IdAsync(HttpClient administrator, string userName) =>
        (await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/identity/staff?q={userName}"))
            .GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName, password });

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = app.CreateClient();
        var token = (await ApiAssert.OkAsync(await SignInAsync(client, userName, password))).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
