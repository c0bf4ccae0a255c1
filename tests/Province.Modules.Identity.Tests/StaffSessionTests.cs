using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Modules.Identity.DemoData;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>
/// Staff sign-in that one attacker cannot break, and staff tokens that stop working when they should (issue 16,
/// finding 5): a lockout after five wrong passwords, exact under a burst of parallel guesses and the same for unknown
/// names; sessions ended by sign-out, deactivation and password change; a password policy.
/// </summary>
public sealed class StaffSessionTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private const string StrongPassword = "Cay-Xoai-Nha-Toi-2026";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_name_for_15_minutes_and_unknown_names_answer_the_same()
    {
        var userName = await CreateAccountAsync();
        var known = await FailFiveTimesThenTryTheRightPasswordAsync(userName);
        var unknown = await FailFiveTimesThenTryTheRightPasswordAsync("khong-co-ai-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], known);
        Assert.Equal(known, unknown);

        // The lock ends with its window.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, userName, StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task A_burst_of_parallel_guesses_gets_no_more_than_five_tries()
    {
        var userName = await CreateAccountAsync();
        using var client = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInAsync(client, userName, $"doan-mo-mat-khau-{i}")));

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        var locked = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await ApiAssert.ProblemAsync(locked, HttpStatusCode.TooManyRequests, "identity.sign_in_locked");
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_deactivated_account_and_a_signed_out_token_stop_working_at_once()
    {
        var userName = await CreateAccountAsync();
        using var officer = await SignedInAsync(userName, StrongPassword);
        using var sameOfficerElsewhere = await SignedInAsync(userName, StrongPassword);
        var officers = $"/api/staff/identity/agencies/{IdentityDemoData.JusticeDepartment}/staff";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(officers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sameOfficerElsewhere.GetAsync(officers)).StatusCode);

        // Signing out ends this session only.
        Assert.Equal(HttpStatusCode.NoContent, (await sameOfficerElsewhere.PostAsync("/api/staff/identity/me/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sameOfficerElsewhere.GetAsync(officers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(officers)).StatusCode);

        // Deactivation ends every session and refuses new sign-ins.
        using var administrator = await app.StaffAsync("quantri");
        var id = await StaffIdAsync(administrator, userName);
        await ApiAssert.OkAsync(await administrator.PostAsync($"/api/staff/identity/staff/{id}/deactivate", null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync(officers)).StatusCode);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, userName, StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task A_staff_token_stops_at_its_expiry_even_right_after_a_request_made_with_it()
    {
        // The host remembers a token it read for a few seconds (no decryption on every request): never past its expiry.
        var userName = await CreateAccountAsync();
        using var officer = await SignedInAsync(userName, StrongPassword);
        var officers = $"/api/staff/identity/agencies/{IdentityDemoData.JusticeDepartment}/staff";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(officers)).StatusCode);

        app.Clock.Advance(Province.BuildingBlocks.Security.ProvinceAuthorization.StaffTokenLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync(officers)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_weak_passwords_are_refused()
    {
        var userName = await CreateAccountAsync();
        using var here = await SignedInAsync(userName, StrongPassword);
        using var there = await SignedInAsync(userName, StrongPassword);

        foreach (var weak in new[] { "aaaaaaaaaaaa", "ngan", "matkhau12345678", userName + "2026!" })
        {
            var refused = await here.PostAsJsonAsync("/api/staff/identity/me/password", new { currentPassword = StrongPassword, newPassword = weak });
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{weak}: {refused.StatusCode}");
        }

        const string NewPassword = "Song-Vam-Co-Dong-07";
        Assert.Equal(HttpStatusCode.NoContent,
            (await here.PostAsJsonAsync("/api/staff/identity/me/password", new { currentPassword = StrongPassword, newPassword = NewPassword })).StatusCode);

        var me = $"/api/staff/identity/agencies/{IdentityDemoData.JusticeDepartment}/staff";
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.GetAsync(me)).StatusCode);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, userName, StrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, userName, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_open_an_account_with_a_weak_password()
    {
        using var administrator = await app.StaffAsync("quantri");
        foreach (var (userName, password) in new[] { ("yeu.mk1", "aaaaaaaaaaaa"), ("yeu.mk2", "yeu.mk2-yeu.mk2"), ("yeu.mk3", "123456789012"), ("yeu.mk4", "Ngan@26") })
        {
            var response = await administrator.PostAsJsonAsync("/api/staff/identity/staff",
                new { userName, fullName = "Đặng Thị Yến", password, role = "officer", agencyId = IdentityDemoData.JusticeDepartment });
            var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("Mật khẩu", problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    private async Task<string> CreateAccountAsync()
    {
        using var administrator = await app.StaffAsync("quantri");
        var userName = "thu.nghiem." + Guid.NewGuid().ToString("N")[..8];
        await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/identity/staff",
            new { userName, fullName = "Đặng Thị Yến", password = StrongPassword, role = "officer", agencyId = IdentityDemoData.JusticeDepartment }));
        return userName;
    }

    private async Task<List<HttpStatusCode>> FailFiveTimesThenTryTheRightPasswordAsync(string userName)
    {
        using var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add((await SignInAsync(client, userName, "sai-mat-khau-" + attempt)).StatusCode);
        }

        answers.Add((await SignInAsync(client, userName, StrongPassword)).StatusCode);
        return answers;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName, password });

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = app.CreateClient();
        var token = (await ApiAssert.OkAsync(await SignInAsync(client, userName, password))).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<Guid> StaffIdAsync(HttpClient administrator, string userName) =>
        (await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{IdentityDemoData.JusticeDepartment}/staff?pageSize=100"))
            .GetProperty("items").EnumerateArray().Single(o => o.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
}
