using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>Signing in and out of the back office in Chromium, against the real host.</summary>
public sealed class SignInTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    [Fact]
    public async Task An_officer_signs_in_and_sees_only_the_menu_of_an_officer()
    {
        var page = await browser.SignedInAsync("tuphap.lan");

        Assert.EndsWith("/staff", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Xin chào");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu chính" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Cơ quan, đơn vị" }).CountAsync());
        await BackOfficeBrowser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_administrator_sees_the_administration_pages_and_an_officer_is_refused_them_by_url()
    {
        var admin = await browser.SignedInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Cơ quan, đơn vị" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cơ quan, đơn vị");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Sở Tư pháp tỉnh Tây Ninh", Exact = true })).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(admin);
        await BackOfficeBrowser.ScreenshotAsync(admin, "agencies");

        var officer = await browser.SignedInAsync("tuphap.hung");
        await officer.GotoAsync("/staff/administration/agencies");
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Không có quyền truy cập");
        Assert.Equal(0, await officer.GetByRole(AriaRole.Table).CountAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_vietnamese_and_nothing_is_signed_in()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/sign-in");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await BackOfficeBrowser.ScreenshotAsync(page, "sign-in");

        await BackOfficeBrowser.SignInAsync(page, "xaydung.son", "SaiMatKhau@123");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
        Assert.Contains("/staff/sign-in", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "province.staff");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var page = await browser.NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await BackOfficeBrowser.SignInAsync(page, "binhminh.khoa", $"SaiMatKhau@{attempt}");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        await BackOfficeBrowser.SignInAsync(page, "binhminh.khoa", ProvinceApp.DemoPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Đã nhập sai mật khẩu 5 lần liên tiếp");
        Assert.Contains("/staff/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_opened_without_signing_in_leads_to_sign_in_and_back_to_it()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/password");

        Assert.Contains("/staff/sign-in?returnUrl=%2Fstaff%2Fpassword", page.Url, StringComparison.Ordinal);
        await BackOfficeBrowser.SignInAsync(page, "taichinh.ha", ProvinceApp.DemoPassword);
        await page.WaitForURLAsync("**/staff/password");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đổi mật khẩu");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_return_address_outside_the_back_office_is_ignored()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/sign-in?returnUrl=%2F%2Fevil.example%2Fstaff");
        await BackOfficeBrowser.SignInAsync(page, "noivu.binh", ProvinceApp.DemoPassword);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        Assert.Equal(browser.Address + "staff", page.Url);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_api_so_a_copied_cookie_no_longer_works()
    {
        var page = await browser.SignedInAsync("tanninh.mai");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "province.staff");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/staff", cookie.Path);

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/sign-in**");

        // The cookie taken before signing out still decrypts, but the API's session behind its token has ended.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var replay = new HttpClient(handler) { BaseAddress = browser.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/password");
        request.Headers.Add("Cookie", $"province.staff={cookie.Value}");
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("/staff/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_works_through_the_page_and_the_new_password_signs_in()
    {
        var page = await browser.SignedInAsync("tanninh.tuan");
        await page.GotoAsync("/staff/password");
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(ProvinceApp.DemoPassword);
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("BienGioi#Xanh2026");
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync("BienGioi#Xanh2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã đổi mật khẩu.");

        using var api = browser.App.CreateClient();
        var old = await api.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName = "tanninh.tuan", password = ProvinceApp.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var fresh = await browser.NewPageAsync();
        await BackOfficeBrowser.SignInAsync(fresh, "tanninh.tuan", "BienGioi#Xanh2026");
        await fresh.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_forms_without_an_antiforgery_token_are_refused()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = browser.Address };
        using var signIn = await http.GetAsync("/staff/sign-in");
        var csp = string.Join(";", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", signIn.Headers.GetValues("Referrer-Policy").Single());

        using var forged = await http.PostAsync("/staff/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Form.UserName"] = "quantri",
            ["Form.Password"] = ProvinceApp.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(v => v.StartsWith("province.staff=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_api_is_unchanged_for_bearer_clients_and_a_page_cookie_is_no_api_credential()
    {
        var page = await browser.SignedInAsync("nnmt.thao");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "province.staff");
        using var http = new HttpClient { BaseAddress = browser.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/identity/agencies/0195a1f0-0000-7000-8000-000000000002/staff");
        request.Headers.Add("Cookie", $"province.staff={cookie.Value}");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", problem, StringComparison.OrdinalIgnoreCase);
        _ = JsonSerializer.Serialize(problem);
    }
}
