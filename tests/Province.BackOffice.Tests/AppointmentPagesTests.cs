using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Province.BackOffice.Tests;

/// <summary>A counter session at phường Tân Ninh in Chromium, with the hall display open on a second page.</summary>
public sealed class AppointmentPagesTests : IClassFixture<BackOfficeBrowser>
{
    private readonly BackOfficeBrowser _browser;

    public AppointmentPagesTests(BackOfficeBrowser browser)
    {
        _browser = browser;
        // A Wednesday morning, office hours: the host's clock, so tickets can be taken.
        _browser.App.Clock.Set(new DateTime(2026, 12, 2, 9, 0, 0));
    }

    [Fact]
    public async Task A_walk_in_takes_a_ticket_at_the_kiosk_the_counter_calls_it_and_the_hall_display_shows_it_live()
    {
        using var anonymous = _browser.App.CreateClient();
        var offices = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices");
        var office = offices.EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Bộ phận Một cửa UBND phường Tân Ninh");
        var officeId = office.GetProperty("id").GetGuid();
        var counterId = office.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Quầy 1").GetProperty("id").GetGuid();

        var hall = await _browser.NewPageAsync(1920, 1080);
        await hall.GotoAsync($"/staff/appointments/offices/{officeId}/hall");
        await Assertions.Expect(hall.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bộ phận Một cửa UBND phường Tân Ninh");
        await BackOfficeBrowser.AssertAccessibleAsync(hall);
        await hall.EvaluateAsync("() => { window.notReloaded = true; }");

        var staff = await _browser.SignedInAsync("tanninh.mai");
        await staff.GotoAsync($"/staff/appointments/offices/{officeId}/kiosk");
        await BackOfficeBrowser.AssertAccessibleAsync(staff);
        await staff.GetByLabel("Hộ tịch").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lấy số" }).ClickAsync();
        var number = (await staff.GetByTestId("kiosk-ticket").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(number));
        await BackOfficeBrowser.ScreenshotAsync(staff, "kiosk-ticket");

        await staff.GotoAsync($"/staff/appointments/offices/{officeId}/counters/{counterId}");
        await BackOfficeBrowser.AssertAccessibleAsync(staff);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Gọi số tiếp theo" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-ticket")).ToHaveTextAsync(number);

        // The hall display changed by itself (the event stream), without reloading.
        await Assertions.Expect(hall.Locator("#hall-groups")).ToContainTextAsync(number);
        Assert.True(await hall.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await BackOfficeBrowser.ScreenshotAsync(hall, "hall-display");
        var called = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{officeId}/now-serving");
        Assert.Equal(number, called.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Hộ tịch").GetProperty("nowServing").GetString());

        await staff.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu phục vụ" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync($"Bắt đầu phục vụ: số {number}");
        await BackOfficeBrowser.ScreenshotAsync(staff, "counter-console");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Kết thúc phục vụ" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync($"Kết thúc phục vụ: số {number}");
        await Assertions.Expect(staff.GetByTestId("current-ticket")).ToHaveCountAsync(0);

        var screen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{officeId}/now-serving");
        var civil = screen.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Hộ tịch");
        Assert.Equal(0, civil.GetProperty("waiting").GetInt32());
        Assert.DoesNotContain(civil.GetProperty("atCounters").EnumerateArray(), call => call.GetProperty("number").GetString() == number);
    }
}
