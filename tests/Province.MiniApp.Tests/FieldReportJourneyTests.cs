namespace Province.MiniApp.Tests;

[Collection(MiniAppCollection.Name)]
public sealed class FieldReportJourneyTests(MiniAppFixture fixture)
{
    private static string NewUser() => "zalo-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_citizen_reports_with_a_photo_the_place_and_the_ward_then_rates_the_answer_which_reopens_it()
    {
        var user = NewUser();
        using var api = await fixture.CitizenAsync(user);
        var lighting = await StaffActions.CategoryAsync(api, "dien-nuoc-chieu-sang");
        await using var phone = await fixture.PhoneAsync(user, configure: o =>
        {
            o.Geolocation = new Geolocation { Latitude = 11.3101f, Longitude = 106.0983f };
            o.Permissions = ["geolocation"];
        });
        await phone.TapAsync("Gửi phản ánh");
        await phone.ExpectScreenAsync("Gửi phản ánh");
        await phone.Page.GetByLabel("Loại phản ánh").SelectOptionAsync(new SelectOptionValue { Value = lighting.ToString() });
        await phone.Page.GetByLabel("Tiêu đề").FillAsync("Đèn đường không sáng");
        await phone.Page.GetByLabel("Mô tả").FillAsync("Ba cột đèn trên đường Võ Văn Truyện không sáng từ tối qua.");
        await phone.Page.Locator("input[type=file]").SetInputFilesAsync(CitizenActions.Photo("den-duong.png"));
        await phone.TapAsync("Dùng vị trí hiện tại");
        await Assertions.Expect(phone.Page.GetByTestId("place-note")).ToContainTextAsync("Đã lấy vị trí hiện tại");
        await phone.Page.GetByLabel("Xã, phường").FillAsync("tan ninh");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Phường Tân Ninh" }).First.ClickAsync();
        await phone.CheckAsync("new report", "report-new");
        await phone.TapAsync("Gửi phản ánh");

        await phone.ExpectScreenAsync("Phản ánh");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Đèn đường không sáng" })).ToBeVisibleAsync();
        var mine = StaffActions.Items(await ApiAssert.OkAsync(await api.GetAsync("/api/field-reports?page=1&pageSize=10"))).ToList();
        var id = Assert.Single(mine).GetProperty("id").GetGuid();
        var detail = await ApiAssert.OkAsync(await api.GetAsync($"/api/field-reports/{id}"));
        var report = detail.GetProperty("report");
        Assert.Equal(lighting, report.GetProperty("categoryId").GetGuid());
        Assert.Equal(11.31, report.GetProperty("latitude").GetDouble(), 2);
        Assert.Equal(106.10, report.GetProperty("longitude").GetDouble(), 2);
        Assert.Equal(1, report.GetProperty("photos").GetArrayLength());
        Assert.Equal(MiniAppFixture.TanNinhWard, report.GetProperty("agencyId").GetGuid());

        // The ward answers; the citizen rates it 2 stars and reopens it: not done yet.
        await StaffActions.ResolveReportAsync(fixture, id, "Đã thay bóng đèn ba cột.");
        await phone.Page.ReloadAsync();
        await Assertions.Expect(phone.Page.GetByText("Trả lời của cơ quan: Đã thay bóng đèn ba cột.")).ToBeVisibleAsync();
        await phone.CheckAsync("report detail", "report-detail");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "2 sao" }).ClickAsync();
        await phone.Page.GetByLabel("Góp ý (nếu có)").FillAsync("Mới sáng được một cột.");
        await phone.TapAsync("Gửi đánh giá");
        await Assertions.Expect(phone.Page.GetByText("Cảm ơn bạn đã đánh giá.")).ToBeVisibleAsync();
        var rated = await ApiAssert.OkAsync(await api.GetAsync($"/api/field-reports/{id}"));
        Assert.Equal(2, rated.GetProperty("rating").GetInt32());
        await phone.Page.GetByLabel("Điều gì chưa được xử lý").FillAsync("Cột số 13 và 14 vẫn chưa sáng.");
        await phone.TapAsync("Mở lại phản ánh");
        await Assertions.Expect(phone.Page.GetByText("Phản ánh đã được mở lại")).ToBeVisibleAsync();
        var reopened = await ApiAssert.OkAsync(await api.GetAsync($"/api/field-reports/{id}"));
        Assert.Equal(1, reopened.GetProperty("reopens").GetInt32());
        Assert.NotEqual("resolved", reopened.GetProperty("report").GetProperty("status").GetString());

        // "My reports" lists it.
        await phone.TapAsync("Trang chủ");
        await phone.TapAsync("Phản ánh của tôi");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Link).Filter(new() { HasText = "Đèn đường không sáng" })).ToBeVisibleAsync();
        await phone.CheckAsync("my reports", "my-reports");
    }

    [Fact]
    public async Task Anyone_reads_the_public_feed_of_answers_and_shares_one()
    {
        var title = "Ổ gà trước chợ " + Guid.NewGuid().ToString("N")[..4];
        await StaffActions.AnsweredReportAsync(fixture, title);
        await using var phone = await fixture.PhoneAsync(configure: o => o.Permissions = ["clipboard-read", "clipboard-write"]);
        await phone.Page.EvaluateAsync("() => { delete Navigator.prototype.share; }");
        await phone.TapAsync("Phản ánh đã trả lời");
        await phone.ExpectScreenAsync("Phản ánh đã trả lời");
        await phone.CheckAsync("public feed", "feed");
        await phone.Page.GetByRole(AriaRole.Link).Filter(new() { HasText = title }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByText("Trả lời: Đã cắt dọn cây đổ")).ToBeVisibleAsync();
        await phone.CheckAsync("public report", "feed-item");
        await phone.TapAsync("Chia sẻ phản ánh");
        await Assertions.Expect(phone.Page.GetByText("Đã chép đường dẫn")).ToBeVisibleAsync();
        var link = await phone.Page.EvaluateAsync<string>("navigator.clipboard.readText()");
        await using var friend = await fixture.PhoneAsync();
        await friend.Page.GotoAsync(link);
        await Assertions.Expect(friend.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_citizen_asks_a_question_and_finds_answered_ones_without_diacritics()
    {
        var user = NewUser();
        await using var phone = await fixture.PhoneAsync(user);
        await phone.TapAsync("Hỏi đáp");
        await phone.ExpectScreenAsync("Hỏi đáp");
        await phone.TapAsync("Đặt câu hỏi mới");
        await phone.Page.GetByLabel("Hỏi cơ quan").SelectOptionAsync(new SelectOptionValue { Value = MiniAppFixture.TanNinhWard.ToString() });
        var title = "Thủ tục cấp lại giấy khai sinh " + Guid.NewGuid().ToString("N")[..4];
        await phone.Page.GetByLabel("Tiêu đề").FillAsync(title);
        await phone.Page.GetByLabel("Nội dung câu hỏi").FillAsync("Tôi làm mất giấy khai sinh bản chính thì xin cấp lại ở đâu?");
        await phone.CheckAsync("questions, asking", "questions");
        await phone.TapAsync("Gửi câu hỏi");
        await Assertions.Expect(phone.Page.GetByText("Đã gửi câu hỏi")).ToBeVisibleAsync();

        using var api = await fixture.CitizenAsync(user);
        var asked = StaffActions.Items(await ApiAssert.OkAsync(await api.GetAsync("/api/field-reports/questions"))).ToList();
        var question = Assert.Single(asked);
        Assert.Equal(title, question.GetProperty("title").GetString());

        using (var ward = await fixture.StaffAsync("tanninh.mai"))
        {
            await StaffActions.PostAsync(ward, $"/api/staff/field-reports/questions/{question.GetProperty("id").GetGuid()}/answer",
                new { answer = "Bạn nộp tờ khai cấp bản sao trích lục tại phường.", @public = true });
        }

        await phone.Page.GetByLabel("Tìm câu hỏi").FillAsync("cap lai giay khai sinh");
        await phone.Page.GetByText(title).ClickAsync();
        await Assertions.Expect(phone.Page.GetByText("Trả lời: Bạn nộp tờ khai cấp bản sao trích lục tại phường.")).ToBeVisibleAsync();
    }
}
