using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>An office's day in Chromium: its bookings, approved and refused by the ward's officer, and a day blocked by an administrator.</summary>
public sealed class OfficeDayTests : IClassFixture<BackOfficeBrowser>
{
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    private readonly BackOfficeBrowser _browser;

    public OfficeDayTests(BackOfficeBrowser browser)
    {
        _browser = browser;
        _browser.App.Clock.Set(new DateTime(2026, 12, 2, 8, 0, 0));
    }

    [Fact]
    public async Task An_officer_approves_and_refuses_the_bookings_of_a_day_and_an_administrator_blocks_a_day()
    {
        using var administrator = await _browser.App.StaffAsync("quantri");
        var name = "Bộ phận duyệt lịch " + Guid.NewGuid().ToString("N")[..6];
        var office = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices", new
        {
            agencyId = TanNinhWard,
            name,
            address = "Số 1 Võ Văn Truyện, phường Tân Ninh",
            requiresApproval = true,
            bookingHorizonDays = 30,
            changeCutoffHours = 2,
            openingHours = Enum.GetValues<DayOfWeek>().Select(day => new { day = day.ToString().ToLowerInvariant(), opens = "07:00:00", closes = "17:00:00" }),
            serviceGroups = new[] { new { code = "HT", name = "Hộ tịch", field = "Hộ tịch", defaultServiceMinutes = 10 } },
            counters = new[] { new { number = 1, name = "Quầy 1", serviceGroupCodes = new[] { "HT" } } },
        }));
        var officeId = office.GetProperty("id").GetGuid();
        var groupId = office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid();
        var slot = await SlotAsync(administrator, officeId, groupId, "2026-12-03", "09:00");
        var codes = new List<string>();
        foreach (var (zalo, fullName) in new[] { ("zalo-day-an", "Nguyễn Văn An"), ("zalo-day-binh", "Trần Thị Bình") })
        {
            using var citizen = await _browser.App.CitizenAsync(zalo);
            codes.Add((await BookAsync(citizen, slot, fullName)).GetProperty("code").GetString()!);
        }

        var officer = await _browser.SignedInAsync("tanninh.mai");
        await officer.GotoAsync("/staff/appointments");
        await officer.GetByRole(AriaRole.Region, new() { Name = name }).GetByRole(AriaRole.Link, new() { Name = "Lịch hẹn trong ngày" }).ClickAsync();
        await officer.GetByLabel("Ngày", new() { Exact = true }).FillAsync("2026-12-03");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Lịch hẹn trong ngày · {name}");
        await Assertions.Expect(officer.GetByText("2 lịch hẹn, trong đó 2 chờ duyệt.")).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(officer);

        await officer.GetByRole(AriaRole.Button, new() { Name = $"Duyệt lịch hẹn {codes[0]}" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync($"Lịch hẹn {codes[0]}");
        await officer.GetByRole(AriaRole.Row).Filter(new() { HasText = codes[1] }).GetByLabel("Lý do từ chối").FillAsync("Hồ sơ cần nộp trực tuyến trước");
        await officer.GetByRole(AriaRole.Button, new() { Name = $"Từ chối lịch hẹn {codes[1]}" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Row).Filter(new() { HasText = codes[1] })).ToContainTextAsync("Hồ sơ cần nộp trực tuyến trước");
        await Assertions.Expect(officer.GetByText("2 lịch hẹn, trong đó 0 chờ duyệt.")).ToBeVisibleAsync();
        Assert.Equal(0, await officer.GetByRole(AriaRole.Form, new() { Name = "Cho nghỉ ngày này" }).CountAsync());

        var bookings = await (await _browser.App.StaffAsync("tanninh.mai")).GetFromJsonAsync<JsonElement>($"/api/staff/appointments/offices/{officeId}/bookings?day=2026-12-03");
        Assert.Equal(["approved", "rejected"], bookings.GetProperty("items").EnumerateArray().OrderBy(b => codes.IndexOf(b.GetProperty("code").GetString()!)).Select(b => b.GetProperty("status").GetString()));

        var admin = await _browser.SignedInAsync("quantri");
        await admin.GotoAsync($"/staff/appointments/offices/{officeId}/day?date=2026-12-04");
        await admin.GetByLabel("Lý do (người dân sẽ thấy)").FillAsync("Tập huấn nghiệp vụ");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Không nhận hẹn, không cấp số ngày 04/12/2026" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Note)).ToContainTextAsync("Tập huấn nghiệp vụ");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);
        var blocked = await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/appointments/offices/{officeId}/blocked-days?from=2026-12-01&to=2026-12-31");
        Assert.Equal("2026-12-04", Assert.Single(blocked.EnumerateArray()).GetProperty("date").GetString());
    }

    [Fact]
    public async Task Today_s_view_offers_to_reload_when_a_number_is_taken_at_the_office()
    {
        using var administrator = await _browser.App.StaffAsync("quantri");
        var (officeId, groupId) = await NewOfficeAsync(administrator, "Bộ phận theo dõi ngày ");
        var page = await _browser.SignedInAsync("tanninh.mai");
        await page.GotoAsync($"/staff/appointments/offices/{officeId}/day");

        // Connected (the first event is the queue as it stands: no banner), then a citizen takes a number.
        var live = page.Locator("[data-live-changes-only]");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-live-updated", new System.Text.RegularExpressions.Regex("\\d+"));
        await Assertions.Expect(page.GetByTestId("office-day-banner")).ToBeHiddenAsync();
        using var citizen = await _browser.App.CitizenAsync("zalo-day-live");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets") { Content = JsonContent.Create(new { officeId, serviceGroupId = groupId }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await ApiAssert.OkAsync(await citizen.SendAsync(request));

        await Assertions.Expect(page.GetByTestId("office-day-banner")).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_day_s_view_offers_to_reload_when_a_citizen_books_or_cancels_that_day()
    {
        using var administrator = await _browser.App.StaffAsync("quantri");
        var (officeId, groupId) = await NewOfficeAsync(administrator, "Bộ phận theo dõi lịch hẹn ");
        var slot = await SlotAsync(administrator, officeId, groupId, "2026-12-02", "14:00");
        var page = await _browser.SignedInAsync("tanninh.mai");
        var banner = page.GetByTestId("office-day-bookings-banner");
        await OpenDayAsync(page, officeId);
        await Assertions.Expect(banner).ToBeHiddenAsync();

        using var citizen = await _browser.App.CitizenAsync("zalo-day-bookings");
        var booking = await BookAsync(citizen, slot, "Lê Văn Cường");

        await Assertions.Expect(banner).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(page);

        // Reloaded, the page shows the booking; the citizen then cancels it.
        await OpenDayAsync(page, officeId);
        await Assertions.Expect(page.GetByText("1 lịch hẹn, trong đó 0 chờ duyệt.")).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await ApiAssert.OkAsync(await citizen.PostAsJsonAsync($"/api/appointments/bookings/{booking.GetProperty("id").GetGuid()}/cancel",
            new { version = booking.GetProperty("version").GetInt32() }));

        await Assertions.Expect(banner).ToBeVisibleAsync();
    }

    /// <summary>A new office of phường Tân Ninh (its name made unique), open every day from 07:00 to 17:00, with one service group.</summary>
    private static async Task<(Guid Office, Guid Group)> NewOfficeAsync(HttpClient administrator, string name)
    {
        var office = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices",
            TestOffices.NewOffice(TanNinhWard, name + Guid.NewGuid().ToString("N")[..6])));
        return (office.GetProperty("id").GetGuid(), office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid());
    }

    /// <summary>The slot starting at <paramref name="start"/> of the hourly slots (5 places) made for the group on <paramref name="day"/>.</summary>
    private async Task<Guid> SlotAsync(HttpClient administrator, Guid officeId, Guid groupId, string day, string start)
    {
        await ApiAssert.OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{officeId}/slots",
            new { serviceGroupId = groupId, from = day, to = day, slotMinutes = 60, capacity = 5 }));
        using var anonymous = _browser.App.CreateClient();
        return (await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{officeId}/slots?serviceGroupId={groupId}&day={day}"))
            .EnumerateArray().First(s => s.GetProperty("start").GetString()!.StartsWith(start, StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }

    /// <summary>The citizen's booking of <paramref name="slot"/>, as the mini app sends it.</summary>
    private static async Task<JsonElement> BookAsync(HttpClient citizen, Guid slot, string fullName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/bookings") { Content = JsonContent.Create(new { slotId = slot, fullName, phoneNumber = "0912345678" }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ApiAssert.OkAsync(await citizen.SendAsync(request));
    }

    /// <summary>Today's view of the office, once its bookings' event stream is connected (so no change slips in before it listens).</summary>
    private static async Task OpenDayAsync(IPage page, Guid officeId)
    {
        var connected = page.WaitForResponseAsync(response => response.Url.Contains($"/staff/live/appointments/offices/{officeId}/bookings/stream", StringComparison.Ordinal) && response.Status == 200);
        await page.GotoAsync($"/staff/appointments/offices/{officeId}/day");
        await connected;
    }
}
