using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>The dashboard in Chromium: the modules' panels show the figures of data seeded here, and their CSV downloads.</summary>
public sealed class DashboardTests : IClassFixture<BackOfficeBrowser>
{
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    private readonly BackOfficeBrowser _browser;

    public DashboardTests(BackOfficeBrowser browser)
    {
        _browser = browser;
        _browser.App.Clock.Set(new DateTime(2026, 12, 2, 8, 0, 0));
    }

    [Fact]
    public async Task The_dashboard_shows_the_waiting_time_and_citizens_of_seeded_tickets_and_a_table_downloads_as_csv()
    {
        // Two numbers taken at 08:00 at a new office of phường Tân Ninh, called at 08:04 and 08:08: waits of 4 and 8 minutes.
        using var administrator = await _browser.App.StaffAsync("quantri");
        var officeName = "Bộ phận thử thống kê " + Guid.NewGuid().ToString("N")[..6];
        var office = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices", TestOffices.NewOffice(TanNinhWard, officeName)));
        var officeId = office.GetProperty("id").GetGuid();
        var groupId = office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid();
        var counterId = office.GetProperty("counters")[0].GetProperty("id").GetGuid();
        using var older = await _browser.App.CitizenAsync("zalo-dashboard-1970");
        (await older.PatchAsJsonAsync("/api/identity/me", new { dateOfBirth = "1970-05-01", version = 0 })).EnsureSuccessStatusCode();
        using var younger = await _browser.App.CitizenAsync("zalo-dashboard-young");
        foreach (var citizen in new[] { older, younger })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets") { Content = JsonContent.Create(new { officeId, serviceGroupId = groupId }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await ApiAssert.OkAsync(await citizen.SendAsync(request));
        }

        using var officer = await _browser.App.StaffAsync("tanninh.mai");
        for (var i = 0; i < 2; i++)
        {
            _browser.App.Clock.Advance(TimeSpan.FromMinutes(4));
            await ApiAssert.OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{officeId}/counters/{counterId}/call-next", null));
        }

        var page = await _browser.SignedInAsync("quantri");
        await page.GetByRole(AriaRole.Link, new() { Name = "Thống kê, biểu đồ" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thống kê, biểu đồ");
        foreach (var panel in new[] { "Hồ sơ thủ tục hành chính", "Phản ánh, kiến nghị", "Thời gian chờ tại quầy", "Người dân sử dụng dịch vụ (toàn tỉnh)" })
        {
            // Within the page's content: the menu has group headings of the same names.
            await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Name = panel, Level = 2 })).ToBeVisibleAsync();
        }

        // Waiting time: the office's row (issued 2, served 0, average 6,0 and 90th percentile 7,6 minutes) and its charts.
        var waiting = page.GetByRole(AriaRole.Region, new() { Name = "Thời gian chờ tại quầy" });
        var row = waiting.GetByRole(AriaRole.Row).Filter(new() { HasText = officeName });
        Assert.Equal(["02/12/2026", officeName, "Hộ tịch (HT)", "2", "0", "6,0", "7,6"], await row.GetByRole(AriaRole.Cell).AllInnerTextsAsync());
        Assert.Equal(2, await waiting.Locator("svg.chart-svg").CountAsync());
        // The line chart's points: the day's average and 90th percentile.
        Assert.Equal(2, await waiting.Locator("svg.chart-svg circle").CountAsync());

        // Citizens of December 2026: the two who took numbers; one gave a date of birth, and is over 45.
        var citizens = page.GetByRole(AriaRole.Region, new() { Name = "Người dân sử dụng dịch vụ (toàn tỉnh)" });
        Assert.Equal(["12/2026", "2", "1", "1", "100,0"], await citizens.GetByRole(AriaRole.Row).Filter(new() { HasText = "12/2026" }).GetByRole(AriaRole.Cell).AllInnerTextsAsync());
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await waiting.ScrollIntoViewIfNeededAsync();
        await BackOfficeBrowser.ScreenshotAsync(page, "dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => waiting.GetByRole(AriaRole.Link, new() { Name = "Tải CSV thời gian chờ" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Ngày,Mã bộ phận,Bộ phận một cửa,", lines[0], StringComparison.Ordinal);
        Assert.Contains($"2026-12-02,{officeId},\"{officeName}\",\"HT\",\"Hộ tịch\",2,2,0,6.0,7.6", lines);

        // An officer sees their agency's panels, not the province's citizens.
        var ward = await _browser.SignedInAsync("tanninh.mai");
        await ward.GotoAsync("/staff/dashboard");
        await Assertions.Expect(ward.GetByRole(AriaRole.Heading, new() { Name = "Thời gian chờ tại quầy", Level = 2 })).ToBeVisibleAsync();
        Assert.Equal(0, await ward.GetByRole(AriaRole.Heading, new() { Name = "Người dân sử dụng dịch vụ (toàn tỉnh)" }).CountAsync());
        await Assertions.Expect(ward.GetByRole(AriaRole.Region, new() { Name = "Thời gian chờ tại quầy" }).GetByRole(AriaRole.Row).Filter(new() { HasText = officeName })).ToHaveCountAsync(1);
        await BackOfficeBrowser.AssertAccessibleAsync(ward);

        // The export relays staff statistics only.
        var other = await ward.APIRequest.GetAsync("/staff/export?api=" + Uri.EscapeDataString("/api/identity/me?format=csv"));
        Assert.Equal(404, other.Status);
    }
}
