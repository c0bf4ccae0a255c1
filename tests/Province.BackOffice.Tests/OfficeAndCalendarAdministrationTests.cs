using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Province.BackOffice.Tests;

/// <summary>An administrator keeps the holiday calendar and the offices' counters in Chromium; the API shows the result.</summary>
public sealed class OfficeAndCalendarAdministrationTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    private const string TanNinhOffice = "Bộ phận Một cửa UBND phường Tân Ninh";

    [Fact]
    public async Task An_administrator_adds_a_holiday_to_the_working_calendar()
    {
        var admin = await browser.SignedInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Lịch nghỉ lễ, ngày làm việc" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lịch nghỉ lễ, ngày làm việc");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        var add = admin.GetByRole(AriaRole.Form, new() { Name = "Thêm ngày" });
        await add.GetByLabel("Ngày", new() { Exact = true }).FillAsync("2026-12-24");
        await add.GetByLabel("Loại ngày").SelectOptionAsync("holiday");
        await add.GetByLabel("Tên ngày").FillAsync("Nghỉ phép chung cuối năm");
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm ngày" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã thêm ngày nghỉ 24/12/2026: Nghỉ phép chung cuối năm.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "24/12/2026" })).ToContainTextAsync("Nghỉ phép chung cuối năm");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        // A working day moved to a Saturday must be a Saturday or Sunday: the API's Vietnamese refusal is shown.
        await add.GetByLabel("Ngày", new() { Exact = true }).FillAsync("2026-12-23");
        await add.GetByLabel("Loại ngày").SelectOptionAsync("workingWeekendDay");
        await add.GetByLabel("Tên ngày").FillAsync("Làm bù");
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm ngày" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.");

        using var api = await browser.App.StaffAsync("tuphap.lan");
        var calendar = await api.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/calendar?year=2026");
        var day = calendar.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2026-12-24");
        Assert.Equal("holiday", day.GetProperty("kind").GetString());
        Assert.Equal("administrator", day.GetProperty("source").GetString());
        Assert.DoesNotContain(calendar.GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-12-23");
    }

    [Fact]
    public async Task An_administrator_adds_a_counter_serving_a_group_to_an_office()
    {
        var admin = await browser.SignedInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Quản trị bộ phận một cửa, quầy" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Quản trị bộ phận một cửa, quầy");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        var add = admin.GetByRole(AriaRole.Form, new() { Name = $"Thêm quầy, {TanNinhOffice}" });
        await add.GetByLabel("Số quầy").FillAsync("9");
        await add.GetByLabel("Tên quầy").FillAsync("Quầy 9 (buổi chiều)");
        await add.GetByLabel("Hộ tịch").CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm quầy" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Đã thêm quầy số 9 ở {TanNinhOffice}.");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quầy 9 (buổi chiều)" }).First).ToContainTextAsync("Hộ tịch");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);
        await BackOfficeBrowser.ScreenshotAsync(admin, "administration-offices");

        // The same number again is refused with the API's words.
        var again = admin.GetByRole(AriaRole.Form, new() { Name = $"Thêm quầy, {TanNinhOffice}" });
        await again.GetByLabel("Số quầy").FillAsync("9");
        await again.GetByLabel("Tên quầy").FillAsync("Quầy trùng số");
        await again.GetByLabel("Hộ tịch").CheckAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Thêm quầy" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Bộ phận này đã có quầy số 9.");

        using var anonymous = browser.App.CreateClient();
        var office = (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray()
            .Single(o => o.GetProperty("name").GetString() == TanNinhOffice);
        var counter = office.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 9);
        Assert.Equal("Quầy 9 (buổi chiều)", counter.GetProperty("name").GetString());
        var civilStatus = office.GetProperty("serviceGroups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Hộ tịch").GetProperty("id").GetGuid();
        Assert.Equal([civilStatus], counter.GetProperty("serviceGroupIds").EnumerateArray().Select(g => g.GetGuid()));
    }

    [Fact]
    public async Task An_administrator_imports_the_catalog_from_the_national_portal_and_a_second_run_adds_nothing()
    {
        var admin = await browser.SignedInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Đồng bộ danh mục thủ tục" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đồng bộ danh mục thủ tục");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Đồng bộ từ Cổng Dịch vụ công quốc gia" }).ClickAsync();
        var result = admin.GetByRole(AriaRole.Status);
        await Assertions.Expect(result).ToContainTextAsync("Kết quả đồng bộ");
        var listed = await result.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Cổng trả về" }).Locator("strong").InnerTextAsync();
        Assert.True(int.Parse(listed, System.Globalization.CultureInfo.InvariantCulture) > 0, $"the portal listed {listed}");
        await BackOfficeBrowser.AssertAccessibleAsync(admin);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Đồng bộ từ Cổng Dịch vụ công quốc gia" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Thêm mới" }).Locator("strong")).ToHaveTextAsync("0");
    }
}
