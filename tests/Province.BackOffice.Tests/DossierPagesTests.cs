using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>A ward officer's day with dossiers in Chromium; the outcome checked through the API afterwards.</summary>
public sealed class DossierPagesTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    [Fact]
    public async Task An_officer_receives_processes_completes_with_a_result_file_and_returns_a_dossier()
    {
        var (id, code) = await CitizenDossiers.SubmitBirthRegistrationAsync(browser.App, "Trần Thị Bích Ngọc");
        var page = await browser.SignedInAsync("tanninh.mai");

        await page.GetByRole(AriaRole.Link, new() { Name = "Hàng đợi hồ sơ" }).First.ClickAsync();
        await page.GetByLabel("Tìm kiếm").FillAsync("tran thi bich ngoc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = code })).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await BackOfficeBrowser.ScreenshotAsync(page, "dossier-queue");

        await page.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Hồ sơ {code}");
        await Assertions.Expect(page.GetByText("Trần Thị Bích Ngọc").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("img.document-image").First).ToBeVisibleAsync();
        var image = await page.Locator("img.document-image").First.GetAttributeAsync("src");
        var fetched = await page.APIRequest.GetAsync(image!);
        Assert.True(fetched.Ok, $"the document image {image} answers {fetched.Status}");
        Assert.StartsWith("image/", fetched.Headers["content-type"], StringComparison.Ordinal);
        var decoded = await page.Locator("img.document-image").First.EvaluateAsync<string>("i => i.decode().then(() => 'ok:' + i.naturalWidth, e => 'failed:' + e + ' ' + i.currentSrc)");
        Assert.True(decoded.StartsWith("ok:", StringComparison.Ordinal), decoded + " " + string.Join(", ", fetched.Headers.Select(h => h.Key + "=" + h.Value)));
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await BackOfficeBrowser.ScreenshotAsync(page, "dossier");

        // Only what the status allows: a new dossier can be accepted or refused, not completed.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành xử lý" }).CountAsync());
        await Act(page, "Tiếp nhận hồ sơ", "Hồ sơ đầy đủ, hợp lệ");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã tiếp nhận hồ sơ.");

        var assign = page.GetByRole(AriaRole.Form, new() { Name = "Phân công xử lý" });
        await assign.GetByLabel("Cán bộ").SelectOptionAsync(new SelectOptionValue { Label = "Huỳnh Anh Tuấn" });
        await assign.GetByRole(AriaRole.Button, new() { Name = "Phân công xử lý" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã phân công cán bộ xử lý.");

        var complete = page.GetByRole(AriaRole.Form, new() { Name = "Hoàn thành xử lý" });
        await complete.GetByLabel("Giấy tờ kết quả (ảnh hoặc PDF)").SetInputFilesAsync(new FilePayload
        {
            Name = "giay-khai-sinh.png",
            MimeType = "image/png",
            Buffer = TestPng.Create([.. Guid.NewGuid().ToByteArray()]),
        });
        await complete.GetByLabel("Ghi chú").FillAsync("Bản chính Giấy khai sinh trả tại quầy");
        await complete.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành xử lý" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã hoàn thành xử lý.");

        await Act(page, "Trả kết quả", "Công dân đã nhận");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã trả kết quả.");
        Assert.Equal(0, await page.Locator(".actions form").CountAsync());

        using var officer = await browser.App.StaffAsync("tanninh.tuan");
        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal("resultReturned", dossier.GetProperty("status").GetString());
        Assert.Equal("Huỳnh Anh Tuấn", dossier.GetProperty("assignedStaffName").GetString());
        Assert.Contains(dossier.GetProperty("files").EnumerateArray(), f => f.GetProperty("purpose").GetString() == "result" && f.GetProperty("fileName").GetString() == "giay-khai-sinh.png");
        var steps = dossier.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("toStatus").GetString()).ToList();
        Assert.Equal(["new", "accepted", "processing", "done", "resultReturned"], steps);
        Assert.Contains(dossier.GetProperty("history").EnumerateArray(), h => h.GetProperty("note").GetString() == "Hồ sơ đầy đủ, hợp lệ");
    }

    [Fact]
    public async Task An_officer_of_another_agency_is_refused_a_dossier_by_url()
    {
        var (id, code) = await CitizenDossiers.SubmitBirthRegistrationAsync(browser.App, "Lê Văn Khải");
        var page = await browser.SignedInAsync("tuphap.lan");

        await page.GotoAsync($"/staff/dossiers/{id}");

        // The API's answer to this officer is 404 (not theirs): the page says so and shows nothing of the dossier.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Không tìm thấy");
        Assert.Equal(0, await page.Locator(".facts").CountAsync());
        Assert.DoesNotContain("Lê Văn Khải", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/staff/dossiers?q={Uri.EscapeDataString(code)}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = code }).CountAsync());
    }

    private static async Task Act(IPage page, string action, string note)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = action });
        await form.Locator("textarea[name=note]").FillAsync(note);
        await form.GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
    }
}
