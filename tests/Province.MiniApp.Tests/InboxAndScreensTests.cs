namespace Province.MiniApp.Tests;

[Collection(MiniAppCollection.Name)]
public sealed class InboxAndScreensTests(MiniAppFixture fixture)
{
    [Fact]
    public async Task The_inbox_lists_the_citizens_notifications_with_a_link_to_the_dossier()
    {
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        using var api = await fixture.CitizenAsync(user);
        var receipt = await CitizenActions.SubmitDossierAsync(api);
        var notifications = await Eventually.GetAsync(
            async () => StaffActions.Items(await ApiAssert.OkAsync(await api.GetAsync("/api/notifications?page=1&pageSize=20"))).ToList(),
            list => list.Count > 0, waitingFor: "the submission's notification");

        await using var phone = await fixture.PhoneAsync(user);
        await phone.TapAsync("Hộp thư");
        await phone.ExpectScreenAsync("Hộp thư");
        var item = phone.Page.Locator("li").Filter(new() { HasText = notifications[0].GetProperty("title").GetString()! }).First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        await phone.CheckAsync("inbox", "inbox");

        // Once signed in, home tells of unread messages.
        await phone.TapAsync("Trang chủ");
        await Assertions.Expect(phone.Page.GetByTestId("alert")).ToContainTextAsync("thông báo mới");
        await phone.TapAsync("Hộp thư");
        // Its link opens the dossier and marks it read.
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await phone.ExpectScreenAsync("Hồ sơ");
        await Assertions.Expect(phone.Page.GetByText(receipt.GetProperty("dossierCode").GetString()!)).ToBeVisibleAsync();
        var read = await Eventually.GetAsync(
            async () => StaffActions.Items(await ApiAssert.OkAsync(await api.GetAsync("/api/notifications?page=1&pageSize=20"))).Single(n => n.GetProperty("id").GetGuid() == notifications[0].GetProperty("id").GetGuid()),
            n => n.GetProperty("read").GetBoolean(), waitingFor: "the opened notification marked read");
        Assert.Equal("dossier", read.GetProperty("itemKind").GetString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every tile opens its task's first screen in one tap; axe-core on each in normal and large text, with screenshots.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_screen_opens_from_home_and_passes_axe_core(bool largeText)
    {
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        await using var phone = await fixture.PhoneAsync(user, largeText: largeText);
        var suffix = largeText ? "-large" : "";
        await phone.CheckAsync("home" + suffix, "home" + suffix);
        var screens = new (string Tile, string Title, string Shot)[]
        {
            ("Nộp hồ sơ trực tuyến", "Thủ tục hành chính", "procedures"),
            ("Hồ sơ của tôi", "Hồ sơ của tôi", "my-dossiers-empty"),
            ("Tra cứu hồ sơ", "Tra cứu hồ sơ", "lookup-form"),
            ("Gửi phản ánh", "Gửi phản ánh", "report-form"),
            ("Phản ánh của tôi", "Phản ánh của tôi", "my-reports-empty"),
            ("Phản ánh đã trả lời", "Phản ánh đã trả lời", "feed"),
            ("Hỏi đáp", "Hỏi đáp", "questions"),
            ("Đặt lịch hẹn", "Đặt lịch hẹn", "appointments"),
            ("Lấy số thứ tự", "Lấy số thứ tự", "queue"),
            ("Hộp thư", "Hộp thư", "inbox"),
            ("Quét mã QR", "Quét mã QR", "scan"),
            ("Tài khoản, cỡ chữ", "Tài khoản, cỡ chữ", "account"),
        };
        foreach (var (tile, title, shot) in screens)
        {
            await phone.TapAsync(tile);
            await phone.ExpectScreenAsync(title);
            await phone.CheckAsync(title + (largeText ? " (large text)" : ""), largeText || shot is "procedures" or "lookup-form" or "report-form" or "queue" ? shot + suffix : null);
            await phone.TapAsync("Trang chủ");
            await phone.ExpectScreenAsync("Dịch vụ công Tây Ninh");
        }

        await phone.Page.GotoAsync("/app/#/procedures/1.001193");
        await phone.ExpectScreenAsync("Chi tiết thủ tục");
        await phone.CheckAsync("procedure" + suffix, "procedure" + suffix);
        Assert.Empty(phone.ConsoleErrors);
    }
}
