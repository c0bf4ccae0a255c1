using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>An agency's field report day in Chromium, and what administrators keep for it; outcomes checked through the API afterwards.</summary>
public sealed class FieldReportPagesTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    [Fact]
    public async Task An_agency_finds_a_report_in_its_queue_and_map_assigns_it_and_answers_publicly_with_a_photo_of_the_fix()
    {
        var report = await CitizenReports.SubmitAsync(browser.App, "dien-nuoc-chieu-sang", "Đèn đường tắt trước chợ Long Hoa");
        var id = report.GetProperty("report").GetProperty("id").GetGuid();
        var code = report.GetProperty("report").GetProperty("code").GetString()!;
        var elsewhere = (await CitizenReports.SubmitAsync(browser.App, "moi-truong", "Rác thải ven kênh", withPhoto: false)).GetProperty("report").GetProperty("code").GetString()!;
        var page = await browser.SignedInAsync("tanninh.mai");

        // The routed agency's queue lists it (and not another agency's report), with its point on the map.
        await MenuAsync(page, "Hàng đợi phản ánh");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = elsewhere, Exact = true }).CountAsync());
        var point = page.Locator($"svg a[href='/staff/field-reports/{id}']");
        await Assertions.Expect(point).ToHaveCountAsync(1);
        Assert.Contains("Phường Tân Ninh", await point.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        Assert.Contains(code, await point.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await BackOfficeBrowser.ScreenshotAsync(page, "field-report-queue");

        await page.GetByLabel("Tìm kiếm").FillAsync("den duong cho long hoa");
        await page.GetByLabel("Trạng thái").SelectOptionAsync("received");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("1–1 trên 1")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Phản ánh {code}");
        await Assertions.Expect(page.GetByText("Phạm Thị Hoa, 0934567890")).ToBeVisibleAsync();
        var photo = page.Locator("img.report-photo").First;
        await Assertions.Expect(photo).ToBeVisibleAsync();
        var decoded = await photo.EvaluateAsync<string>("i => i.decode().then(() => 'ok:' + i.naturalWidth, e => 'failed:' + e + ' ' + i.currentSrc)");
        Assert.StartsWith("ok:", decoded, StringComparison.Ordinal);
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await BackOfficeBrowser.ScreenshotAsync(page, "field-report");

        // Only what the status allows: a report just received is assigned first, not answered.
        Assert.Equal(0, await page.GetByRole(AriaRole.Form, new() { Name = "Trả lời công khai" }).CountAsync());
        var assign = page.GetByRole(AriaRole.Form, new() { Name = "Giao cán bộ xử lý" });
        await assign.GetByLabel("Cán bộ").SelectOptionAsync(new SelectOptionValue { Label = "Huỳnh Anh Tuấn" });
        await assign.GetByRole(AriaRole.Button, new() { Name = "Giao cán bộ xử lý" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã giao cán bộ xử lý.");

        var resolve = page.GetByRole(AriaRole.Form, new() { Name = "Trả lời công khai" });
        await resolve.GetByLabel("Nội dung trả lời (công khai)").FillAsync("Đội quản lý đô thị đã thay bóng đèn ba cột trên đường Võ Văn Truyện.");
        await resolve.GetByLabel("Ảnh sau khắc phục (JPEG, PNG, tối đa 4 ảnh)").SetInputFilesAsync(new FilePayload { Name = "sau-khac-phuc.png", MimeType = "image/png", Buffer = RealPng.Create() });
        await resolve.GetByRole(AriaRole.Button, new() { Name = "Trả lời công khai" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã trả lời công khai.");
        await Assertions.Expect(page.Locator("img.fix-photo")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.GetByRole(AriaRole.Form, new() { Name = "Trả lời công khai" }).CountAsync());

        // The public sees the answer and the photo of the fix; the history names each step.
        using var anyone = browser.App.CreateClient();
        var shown = await anyone.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/{code}");
        Assert.Equal("resolved", shown.GetProperty("status").GetString());
        Assert.Equal("Đội quản lý đô thị đã thay bóng đèn ba cột trên đường Võ Văn Truyện.", shown.GetProperty("answer").GetString());
        Assert.Equal(1, shown.GetProperty("fixPhotos").GetArrayLength());
        var feed = await anyone.GetFromJsonAsync<JsonElement>("/api/public/field-reports?area=Phuong%201&pageSize=100");
        Assert.Contains(feed.GetProperty("items").EnumerateArray(), r => r.GetProperty("code").GetString() == code && r.GetProperty("answer").GetString()!.StartsWith("Đội quản lý", StringComparison.Ordinal));
        using var officer = await browser.App.StaffAsync("tanninh.tuan");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal("Huỳnh Anh Tuấn", detail.GetProperty("assignedStaffName").GetString());
        Assert.Equal(["received", "assigned", "resolved"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList());
    }

    [Fact]
    public async Task An_officer_of_another_agency_is_refused_a_report_by_url()
    {
        var report = await CitizenReports.SubmitAsync(browser.App, "dien-nuoc-chieu-sang", "Cột đèn nghiêng sắp đổ");
        var id = report.GetProperty("report").GetProperty("id").GetGuid();
        var code = report.GetProperty("report").GetProperty("code").GetString()!;
        var page = await browser.SignedInAsync("binhminh.khoa");

        await page.GotoAsync($"/staff/field-reports/{id}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Không tìm thấy");
        Assert.Equal(0, await page.Locator(".facts").CountAsync());
        Assert.DoesNotContain("Cột đèn nghiêng", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/staff/field-reports?q={Uri.EscapeDataString(code)}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = code }).CountAsync());
        Assert.Equal(0, await page.Locator($"svg a[href='/staff/field-reports/{id}']").CountAsync());
    }

    [Fact]
    public async Task An_administrator_edits_a_category_and_a_routing_rule_and_the_next_report_follows_them()
    {
        var page = await browser.SignedInAsync("quantri");

        // Môi trường in phường Bình Minh goes to the Department (rule 30) until a rule before it says otherwise.
        await MenuAsync(page, "Quy tắc chuyển phản ánh");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        var add = page.GetByRole(AriaRole.Form, new() { Name = "Thêm quy tắc" });
        await add.GetByLabel("Thứ tự (nhỏ áp dụng trước)").FillAsync("5");
        await add.GetByLabel("Lĩnh vực").SelectOptionAsync(new SelectOptionValue { Label = "Môi trường" });
        await add.GetByLabel("Xã, phường (để trống: mọi nơi)").FillAsync("Phường Bình Minh");
        await add.GetByLabel("Cơ quan nhận").SelectOptionAsync(CitizenReports.BinhMinhWard.ToString());
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm quy tắc" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm quy tắc.");
        var first = await CitizenReports.SubmitAsync(browser.App, "moi-truong", "Rác thải ven kênh Bình Minh", "Phường Bình Minh", withPhoto: false);
        Assert.Equal(CitizenReports.BinhMinhWard, first.GetProperty("report").GetProperty("agencyId").GetGuid());

        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa quy tắc thứ tự 5", Exact = true }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Sửa quy tắc" });
        await edit.GetByLabel("Cơ quan nhận").SelectOptionAsync(CitizenReports.CommitteeOffice.ToString());
        await edit.GetByRole(AriaRole.Button, new() { Name = "Lưu quy tắc" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu quy tắc.");
        var second = await CitizenReports.SubmitAsync(browser.App, "moi-truong", "Khói đốt rác ban đêm", "Phường Bình Minh", withPhoto: false);
        Assert.Equal(CitizenReports.CommitteeOffice, second.GetProperty("report").GetProperty("agencyId").GetGuid());

        // A category's deadline: the next report is due that many hours after it is sent.
        await MenuAsync(page, "Lĩnh vực phản ánh");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa lĩnh vực Môi trường" }).ClickAsync();
        var category = page.GetByRole(AriaRole.Form, new() { Name = "Sửa lĩnh vực Môi trường" });
        await category.GetByLabel("Thời hạn xử lý (giờ)").FillAsync("24");
        await category.GetByRole(AriaRole.Button, new() { Name = "Lưu lĩnh vực" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu lĩnh vực \"Môi trường\".");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "moi-truong" })).ToContainTextAsync("24 giờ");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        var third = (await CitizenReports.SubmitAsync(browser.App, "moi-truong", "Nước thải tràn ra đường", withPhoto: false)).GetProperty("report").GetProperty("id").GetGuid();
        using var administrator = await browser.App.StaffAsync("quantri");
        var detail = await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{third}");
        Assert.Equal(24, (detail.GetProperty("dueAt").GetDateTimeOffset() - detail.GetProperty("report").GetProperty("createdAt").GetDateTimeOffset()).TotalHours, 3);
    }

    [Fact]
    public async Task A_question_answered_and_published_in_the_back_office_shows_in_the_public_guide()
    {
        var word = "thutuc" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Hỏi về cấp lại giấy khai sinh ({word})";
        await CitizenReports.AskAsync(browser.App, CitizenReports.TanNinhWard, title, "Tôi làm mất giấy khai sinh bản chính, xin hỏi thủ tục cấp lại ở đâu?");
        var page = await browser.SignedInAsync("tanninh.tuan");

        await MenuAsync(page, "Hỏi đáp");
        await page.GetByLabel("Tình trạng").SelectOptionAsync("pending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"Trả lời câu hỏi: {title}" });
        await Assertions.Expect(form).ToBeVisibleAsync();
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await form.GetByLabel("Câu trả lời").FillAsync("Ông, bà đến bộ phận một cửa UBND phường nơi đã đăng ký khai sinh để được cấp bản sao trích lục.");
        await Assertions.Expect(form.GetByLabel("Công khai trong mục hỏi đáp")).ToBeCheckedAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Trả lời" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã trả lời và công khai câu hỏi");

        using var anyone = browser.App.CreateClient();
        var guide = await anyone.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/questions?q={word}");
        var shown = Assert.Single(guide.GetProperty("items").EnumerateArray());
        Assert.Equal(title, shown.GetProperty("title").GetString());
        Assert.StartsWith("Ông, bà đến bộ phận một cửa", shown.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_removes_a_phone_number_from_a_report_s_public_title_with_the_redaction_form()
    {
        var report = await CitizenReports.SubmitAsync(browser.App, "dien-nuoc-chieu-sang", "Đèn tắt, gọi anh Tư 0987654321", withPhoto: false);
        var id = report.GetProperty("report").GetProperty("id").GetGuid();
        var page = await browser.SignedInAsync("tanninh.mai");
        await page.GotoAsync($"/staff/field-reports/{id}");

        var redact = page.GetByRole(AriaRole.Form, new() { Name = "Biên tập nội dung công khai" });
        await Assertions.Expect(redact.GetByLabel("Tiêu đề (công khai)")).ToHaveValueAsync("Đèn tắt, gọi anh Tư 0987654321");
        await BackOfficeBrowser.AssertAccessibleAsync(page);
        await redact.GetByLabel("Tiêu đề (công khai)").FillAsync("Đèn đường tắt");
        await redact.GetByLabel("Lý do biên tập").FillAsync("Xóa số điện thoại và tên người trong tiêu đề.");
        await redact.GetByRole(AriaRole.Button, new() { Name = "Biên tập nội dung công khai" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã biên tập nội dung công khai.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đèn đường tắt", Level = 2 })).ToBeVisibleAsync();

        // Only the title changed; the step and its reason are in the history.
        using var officer = await browser.App.StaffAsync("tanninh.tuan");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal("Đèn đường tắt", detail.GetProperty("report").GetProperty("title").GetString());
        Assert.StartsWith("Ba cột đèn trên đường Võ Văn Truyện", detail.GetProperty("report").GetProperty("description").GetString(), StringComparison.Ordinal);
        var step = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Cơ quan đã biên tập nội dung công khai của phản ánh.", step.GetProperty("description").GetString());
        Assert.Equal("Xóa số điện thoại và tên người trong tiêu đề.", step.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Every_label_of_the_queue_s_map_lies_inside_the_map()
    {
        await CitizenReports.SubmitAsync(browser.App, "dien-nuoc-chieu-sang", "Đèn tắt ở góc bản đồ", withPhoto: false);
        var page = await browser.SignedInAsync("tanninh.mai");
        await MenuAsync(page, "Hàng đợi phản ánh");
        var map = page.Locator("figure.report-map svg");
        await Assertions.Expect(map).ToBeVisibleAsync();

        // Each text's box in the map's own units, against the frame the viewBox draws.
        var outside = await map.EvaluateAsync<string[]>(
            "svg => { const frame = svg.viewBox.baseVal; return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); " +
            "return b.x < 0 || b.y < 0 || b.x + b.width > frame.width || b.y + b.height > frame.height; }).map(t => t.textContent); }");
        Assert.Empty(outside);
        Assert.True(await map.Locator("text").CountAsync() >= 12);
    }

    private static Task MenuAsync(IPage page, string entry) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Menu chính" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();
}
