using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Province.BackOffice.Tests;

/// <summary>An administrator's account work in Chromium; the accounts checked through the API afterwards.</summary>
public sealed class AdministrationTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    [Fact]
    public async Task An_administrator_creates_an_officer_who_then_signs_in_and_deactivating_ends_the_officers_pages()
    {
        var admin = await browser.SignedInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tài khoản cán bộ" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tài khoản cán bộ");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        var create = admin.GetByRole(AriaRole.Form, new() { Name = "Tạo tài khoản" });
        await create.GetByLabel("Tên đăng nhập").FillAsync("tanninh.nga");
        await create.GetByLabel("Họ và tên").FillAsync("Đặng Thị Thúy Nga");
        await create.GetByLabel("Mật khẩu ban đầu").FillAsync("Sen#Hong#Tay2026");
        await create.GetByLabel("Vai trò").SelectOptionAsync("officer");
        await create.GetByLabel("Cơ quan").SelectOptionAsync(new SelectOptionValue { Label = "Ủy ban nhân dân phường Tân Ninh" });
        await create.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã tạo tài khoản tanninh.nga.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Đặng Thị Thúy Nga" })).ToBeVisibleAsync();
        await BackOfficeBrowser.ScreenshotAsync(admin, "staff-accounts");

        var officer = await browser.SignedInAsync("tanninh.nga", "Sen#Hong#Tay2026");
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Xin chào, Đặng Thị Thúy Nga");
        await Assertions.Expect(officer.GetByText("Ủy ban nhân dân phường Tân Ninh").First).ToBeVisibleAsync();
        Assert.Equal(0, await officer.GetByRole(AriaRole.Link, new() { Name = "Tài khoản cán bộ" }).CountAsync());

        using var api = await browser.App.StaffAsync("quantri");
        var list = await api.GetFromJsonAsync<JsonElement>("/api/staff/identity/staff?q=tanninh.nga");
        var created = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("officer", created.GetProperty("role").GetString());
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", created.GetProperty("agencyName").GetString());

        await admin.GetByRole(AriaRole.Button, new() { Name = "Khóa tài khoản tanninh.nga" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã khóa tài khoản tanninh.nga");

        // The officer's open page is signed out at the next request: the session was ended by the API.
        await officer.ReloadAsync();
        Assert.Contains("/staff/sign-in", officer.Url, StringComparison.Ordinal);
        var again = await browser.App.CreateClient().PostAsJsonAsync("/api/staff/identity/sign-in", new { userName = "tanninh.nga", password = "Sen#Hong#Tay2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }
}
