namespace Province.MiniApp.Tests;

[Collection(MiniAppCollection.Name)]
public sealed class HomeAndSignInTests(MiniAppFixture fixture)
{
    [Fact]
    public async Task Home_shows_every_task_as_a_tile_and_the_latest_answers_without_signing_in()
    {
        // An answered report for the "latest answers" list, made through the API.
        var answered = await StaffActions.AnsweredReportAsync(fixture, "Cây đổ chắn đường Lê Lợi");
        using (var anonymous = fixture.App.CreateClient())
        {
            // The public feed is output-cached for a few seconds: the API lists the answer before the phone is asked to.
            await Eventually.GetAsync(() => anonymous.GetStringAsync("/api/public/field-reports?page=1&pageSize=3"), feed => feed.Contains(answered, StringComparison.Ordinal), waitingFor: "the answered report in the public feed");
        }

        var signIns = 0;
        await using var phone = await fixture.PhoneAsync(configure: null);
        phone.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/zalo-simulator/dev/access-tokens", StringComparison.Ordinal))
            {
                signIns++;
            }
        };
        await phone.Page.ReloadAsync();

        await phone.ExpectScreenAsync("Dịch vụ công Tây Ninh");
        var tiles = phone.Page.GetByTestId("home-tiles").GetByRole(AriaRole.Link);
        await Assertions.Expect(tiles).ToHaveCountAsync(12);
        foreach (var task in new[] { "Nộp hồ sơ trực tuyến", "Hồ sơ của tôi", "Tra cứu hồ sơ", "Gửi phản ánh", "Phản ánh của tôi", "Phản ánh đã trả lời", "Hỏi đáp", "Đặt lịch hẹn", "Lấy số thứ tự", "Hộp thư", "Quét mã QR", "Tài khoản, cỡ chữ" })
        {
            await Assertions.Expect(tiles.GetByText(task, new() { Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Link, new() { Name = answered })).ToBeVisibleAsync();
        Assert.Equal(0, signIns);
        await phone.CheckAsync("home", "home");
        Assert.Empty(phone.ConsoleErrors);
    }

    [Fact]
    public async Task Signing_in_from_Zalo_prefills_the_name_and_takes_the_phone_number_from_Zalo()
    {
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        await using var phone = await fixture.PhoneAsync(user, "Trần Thị Bình");
        await phone.TapAsync("Tài khoản, cỡ chữ");
        await phone.ExpectScreenAsync("Tài khoản, cỡ chữ");
        await Assertions.Expect(phone.Page.GetByLabel("Họ và tên")).ToHaveValueAsync("Trần Thị Bình");
        await Assertions.Expect(phone.Page.GetByTestId("phone")).ToHaveTextAsync("Chưa có");

        await phone.TapAsync("Lấy số điện thoại từ Zalo");
        await Assertions.Expect(phone.Page.GetByTestId("phone")).ToContainTextAsync("(đã xác nhận)");
        await phone.CheckAsync("account", "account");

        using var api = await phone.ApiAsync(user);
        var me = await ApiAssert.OkAsync(await api.GetAsync("/api/identity/me"));
        Assert.True(me.GetProperty("phoneNumberVerified").GetBoolean(), me.GetRawText());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("phoneNumber").GetString()), me.GetRawText());
        Assert.Equal("Trần Thị Bình", me.GetProperty("zaloName").GetString());
    }

    [Fact]
    public async Task A_citizen_chooses_which_messages_come_through_Zalo_and_the_choice_is_saved()
    {
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        await using var phone = await fixture.PhoneAsync(user, "Lê Văn Cường");
        await phone.TapAsync("Tài khoản, cỡ chữ");
        await phone.ExpectScreenAsync("Tài khoản, cỡ chữ");
        var received = phone.Page.GetByLabel("Hồ sơ đã được tiếp nhận");
        await Assertions.Expect(received).Not.ToBeCheckedAsync();
        await Assertions.Expect(phone.Page.GetByLabel("Phản ánh đã được trả lời")).ToBeVisibleAsync();
        // A kind the province has no Zalo template for is not offered.
        await Assertions.Expect(phone.Page.GetByLabel("Nhắc lịch hẹn")).ToHaveCountAsync(0);

        await received.CheckAsync();
        await phone.Page.GetByLabel("Không nhận tin ban đêm (tin gấp vẫn gửi)").UncheckAsync();
        await phone.TapAsync("Lưu lựa chọn nhận tin");
        await Assertions.Expect(phone.Page.GetByText("Đã lưu lựa chọn nhận tin.")).ToBeVisibleAsync();
        await phone.CheckAsync("account with Zalo message choices", "account-zalo-messages");

        using var api = await phone.ApiAsync(user);
        var saved = await ApiAssert.OkAsync(await api.GetAsync("/api/notifications/zalo-preferences"));
        var chosen = saved.GetProperty("kinds").EnumerateArray().Where(k => k.GetProperty("chosen").GetBoolean()).Select(k => k.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(new[] { "dossierReceived" }, chosen);
        Assert.False(saved.GetProperty("quietHours").GetBoolean(), saved.GetRawText());

        // Opened again, the screen shows what was saved, not the defaults.
        await phone.Page.ReloadAsync();
        await phone.ExpectScreenAsync("Tài khoản, cỡ chữ");
        await Assertions.Expect(phone.Page.GetByLabel("Hồ sơ đã được tiếp nhận")).ToBeCheckedAsync();
        await Assertions.Expect(phone.Page.GetByLabel("Không nhận tin ban đêm (tin gấp vẫn gửi)")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Large_text_mode_scales_every_size_and_is_remembered()
    {
        await using var phone = await fixture.PhoneAsync();
        var normal = await phone.Page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.tile')).fontSize)");
        await phone.TapAsync("Tài khoản, cỡ chữ");
        await phone.Page.GetByLabel("Chữ lớn").CheckAsync();
        await phone.TapAsync("Trang chủ");
        await phone.Page.ReloadAsync();
        await phone.ExpectScreenAsync("Dịch vụ công Tây Ninh");
        var large = await phone.Page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.tile')).fontSize)");
        Assert.True(large >= normal * 1.25, $"tile text {normal}px in normal mode, {large}px in large text");
        await phone.CheckAsync("home, large text", "home-large");

        // The phone's own text size: the root font size scales every rem.
        await phone.Page.EvaluateAsync("document.documentElement.classList.remove('large-text'); document.documentElement.style.fontSize = '150%'");
        var system = await phone.Page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.tile')).fontSize)");
        Assert.True(system >= normal * 1.4, $"tile text {normal}px at 100%, {system}px at 150% root size");
    }
}
