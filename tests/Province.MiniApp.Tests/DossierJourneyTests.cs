namespace Province.MiniApp.Tests;

[Collection(MiniAppCollection.Name)]
public sealed class DossierJourneyTests(MiniAppFixture fixture)
{
    private static string NewUser() => "zalo-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Home → search (no diacritics) → procedure → submit form: three taps.</summary>
    private static async Task OpenSubmitFormAsync(Phone phone)
    {
        await phone.TapAsync("Nộp hồ sơ trực tuyến");
        await phone.ExpectScreenAsync("Thủ tục hành chính");
        await phone.Page.GetByLabel("Tìm thủ tục").FillAsync("dang ky khai sinh");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký khai sinh" }).First.ClickAsync();
        await phone.ExpectScreenAsync("Chi tiết thủ tục");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Giấy tờ cần có" })).ToBeVisibleAsync();
        await phone.TapAsync("Nộp hồ sơ trực tuyến");
        await phone.ExpectScreenAsync("Nộp hồ sơ");
    }

    private static async Task FillAndSendAsync(Phone phone)
    {
        await Assertions.Expect(phone.Page.GetByLabel("Họ và tên")).Not.ToHaveValueAsync("");
        await phone.Page.GetByLabel("Số điện thoại").FillAsync("0912345678");
        await phone.Page.GetByLabel("Địa chỉ (nếu có)").FillAsync("Phường Tân Ninh, tỉnh Tây Ninh");
        var inputs = phone.Page.Locator("input[type=file]");
        for (var i = 0; i < await inputs.CountAsync(); i++)
        {
            await inputs.Nth(i).SetInputFilesAsync(CitizenActions.Photo($"giay-to-{i + 1}.png"));
        }

        await phone.TapAsync("Gửi hồ sơ");
    }

    [Fact]
    public async Task A_citizen_finds_a_procedure_without_diacritics_submits_with_photos_and_gets_a_receipt_with_QR()
    {
        var user = NewUser();
        await using var phone = await fixture.PhoneAsync(user, "Lê Văn Cường");
        await OpenSubmitFormAsync(phone);
        await phone.CheckAsync("submit dossier", "dossier-submit");
        await Assertions.Expect(phone.Page.GetByLabel("Họ và tên")).ToHaveValueAsync("Lê Văn Cường");
        await FillAndSendAsync(phone);

        await phone.ExpectScreenAsync("Giấy tiếp nhận hồ sơ");
        var code = (await phone.Page.GetByTestId("dossier-code").TextContentAsync())!;
        var qrLoaded = await phone.Page.WaitForFunctionAsync("() => { const i = document.querySelector('img.qr'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.NotNull(qrLoaded);
        await phone.CheckAsync("receipt", "receipt");

        using var api = await phone.ApiAsync(user);
        var dossiers = await CitizenActions.MyDossiersAsync(api);
        var dossier = Assert.Single(dossiers);
        Assert.Equal(code, dossier.GetProperty("code").GetString());
        Assert.Equal("1.001193", dossier.GetProperty("procedureCode").GetString());
        var detail = await ApiAssert.OkAsync(await api.GetAsync($"/api/dossiers/{dossier.GetProperty("id").GetGuid()}"));
        Assert.Equal("Lê Văn Cường", detail.GetProperty("applicant").GetProperty("fullName").GetString());
        Assert.True(detail.GetProperty("files").GetArrayLength() >= 2, detail.GetProperty("files").GetRawText());

        // "My dossiers" shows it with its status in plain Vietnamese.
        await phone.TapAsync("Trang chủ");
        await phone.TapAsync("Hồ sơ của tôi");
        var row = phone.Page.GetByRole(AriaRole.Link).Filter(new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync(dossier.GetProperty("statusText").GetString()!);
        await phone.CheckAsync("my dossiers", "my-dossiers");
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_with_the_same_key_and_makes_one_dossier()
    {
        var user = NewUser();
        await using var phone = await fixture.PhoneAsync(user);
        var keys = new List<string>();
        var dropped = false;
        await phone.Page.RouteAsync("**/api/dossiers", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            keys.Add(await route.Request.HeaderValueAsync("idempotency-key") ?? "");
            if (!dropped)
            {
                // The request reaches the server and is saved; the answer is lost on the way back.
                dropped = true;
                var answer = await route.FetchAsync();
                Assert.Equal(201, answer.Status);
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });

        await OpenSubmitFormAsync(phone);
        await FillAndSendAsync(phone);
        await phone.ExpectScreenAsync("Giấy tiếp nhận hồ sơ");

        Assert.True(keys.Count >= 2, $"the app sent {keys.Count} submission(s)");
        Assert.Single(keys.Distinct());
        using var api = await phone.ApiAsync(user);
        Assert.Single(await CitizenActions.MyDossiersAsync(api));
    }

    [Fact]
    public async Task A_citizen_supplements_a_dossier_when_asked_and_then_withdraws_it()
    {
        var user = NewUser();
        using var api = await fixture.CitizenAsync(user);
        var receipt = await CitizenActions.SubmitDossierAsync(api);
        var id = receipt.GetProperty("dossierId").GetGuid();
        var agency = (await ApiAssert.OkAsync(await api.GetAsync($"/api/dossiers/{id}"))).GetProperty("agencyId").GetGuid();
        using (var staff = await fixture.StaffAsync(StaffActions.StaffOf(agency)))
        {
            await StaffActions.DossierActionAsync(staff, id, "accept", new { version = await StaffActions.VersionAsync(staff, id) });
            await StaffActions.DossierActionAsync(staff, id, "request-supplement", new { note = "Giấy chứng sinh bị mờ, xin chụp lại rõ hơn.", version = await StaffActions.VersionAsync(staff, id) });
        }

        await using var phone = await fixture.PhoneAsync(user);
        await phone.TapAsync("Hồ sơ của tôi");
        await phone.Page.GetByRole(AriaRole.Link).Filter(new() { HasText = receipt.GetProperty("dossierCode").GetString() }).ClickAsync();
        await phone.ExpectScreenAsync("Hồ sơ");
        await Assertions.Expect(phone.Page.GetByText("Giấy chứng sinh bị mờ")).ToBeVisibleAsync();
        await phone.CheckAsync("dossier detail", "dossier-detail");

        await phone.TapAsync("Bổ sung giấy tờ");
        await phone.Page.Locator("input[type=file]").SetInputFilesAsync(CitizenActions.Photo("giay-chung-sinh-ro.png"));
        await phone.Page.GetByLabel("Lời nhắn cho cán bộ (nếu có)").FillAsync("Em gửi lại ảnh rõ hơn ạ.");
        await phone.TapAsync("Gửi giấy tờ bổ sung");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status).Or(phone.Page.GetByRole(AriaRole.Alert)).First).ToHaveTextAsync("Đã gửi giấy tờ bổ sung. Cán bộ sẽ xem tiếp hồ sơ.");
        var supplemented = await ApiAssert.OkAsync(await api.GetAsync($"/api/dossiers/{id}"));
        Assert.DoesNotContain(supplemented.GetProperty("status").ToString(), new[] { "5", "supplementRequested" });
        Assert.True(supplemented.GetProperty("files").GetArrayLength() >= 3, supplemented.GetProperty("files").GetRawText());

        await phone.TapAsync("Rút hồ sơ");
        await phone.Page.GetByLabel("Lý do rút hồ sơ").FillAsync("Gia đình đã nộp trực tiếp tại phường.");
        await phone.TapAsync("Xác nhận rút hồ sơ");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status).Or(phone.Page.GetByRole(AriaRole.Alert)).First).ToHaveTextAsync("Đã gửi yêu cầu rút hồ sơ. Cán bộ sẽ xác nhận.");
        var withdrawn = await ApiAssert.OkAsync(await api.GetAsync($"/api/dossiers/{id}"));
        Assert.Contains(withdrawn.GetProperty("status").ToString(), new[] { "7", "withdrawalRequested", "withdrawn" });
        await Assertions.Expect(phone.Page.Locator(".status").First).ToHaveTextAsync(withdrawn.GetProperty("statusText").GetString()!);
    }

    [Fact]
    public async Task Anyone_with_the_receipt_looks_a_dossier_up_by_typing_the_code_by_a_shared_link_or_by_the_QR_text()
    {
        var user = NewUser();
        using var api = await fixture.CitizenAsync(user);
        var receipt = await CitizenActions.SubmitDossierAsync(api);
        var code = receipt.GetProperty("dossierCode").GetString()!;
        var secret = receipt.GetProperty("lookupSecret").GetString()!;

        // Typed by a relative who has the paper receipt (not signed in).
        await using (var relative = await fixture.PhoneAsync())
        {
            await relative.TapAsync("Tra cứu hồ sơ");
            await relative.Page.GetByLabel("Mã hồ sơ").FillAsync(code);
            await relative.Page.GetByLabel("Mã tra cứu").FillAsync(secret);
            await relative.TapAsync("Tra cứu");
            await Assertions.Expect(relative.Page.GetByTestId("lookup-result")).ToContainTextAsync("Đăng ký khai sinh");
            await relative.CheckAsync("lookup", "lookup");

            // A wrong secret: told what to do, nothing shown.
            await relative.Page.GetByLabel("Mã tra cứu").FillAsync("sai-ma");
            await relative.TapAsync("Tra cứu");
            await Assertions.Expect(relative.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Hãy kiểm tra mã hồ sơ và mã tra cứu");
        }

        // Shared from the receipt (outside Zalo: the link is copied), opened by someone else.
        await using var phone = await fixture.PhoneAsync(user, configure: o => o.Permissions = ["clipboard-read", "clipboard-write"]);
        await phone.Page.GotoAsync($"/app/#/dossiers/{receipt.GetProperty("dossierId").GetGuid()}/receipt");
        await phone.Page.EvaluateAsync("() => { delete Navigator.prototype.share; }");
        await phone.TapAsync("Chia sẻ đường dẫn tra cứu");
        await Assertions.Expect(phone.Page.GetByText("Đã chép đường dẫn tra cứu")).ToBeVisibleAsync();
        var link = await phone.Page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Contains(Uri.EscapeDataString(code), link, StringComparison.Ordinal);
        await using (var friend = await fixture.PhoneAsync())
        {
            await friend.Page.GotoAsync(link);
            await Assertions.Expect(friend.Page.GetByTestId("lookup-result")).ToContainTextAsync(code);
        }

        // The QR code's text (scanQRCode inside Zalo; typed or pasted outside it) opens the same page.
        await using var scanner = await fixture.PhoneAsync();
        await scanner.TapAsync("Quét mã QR");
        await scanner.CheckAsync("scan", "scan");
        await scanner.Page.GetByLabel("Hoặc nhập, dán mã").FillAsync(receipt.GetProperty("lookupUrl").GetString()!);
        await scanner.TapAsync("Mở");
        await Assertions.Expect(scanner.Page.GetByTestId("lookup-result")).ToContainTextAsync(code);
    }
}
