using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Province.Modules.Dossiers.Contracts;
using Province.Testing;
using Province.Testing.Browser;

namespace Province.Modules.Notifications.Tests;

/// <summary>
/// The module's back-office page in Chromium: an administrator sees a message Zalo refused, with its reason, and sends
/// it again from the page; Zalo then receives it once.
/// </summary>
public sealed class ZaloDeliveryPageTests(ZaloMessagesApp app) : IClassFixture<ZaloMessagesApp>
{
    [Fact]
    public async Task An_administrator_sees_a_refused_message_with_its_reason_and_sends_it_again_from_the_page()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-page", "84900000110");
        await app.FailNextZnsCallsAsync("error", count: 1, error: -108);
        await app.PublishAsync(new DossierStatusChanged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), "HS-0010", citizenId, Guid.CreateVersion7(), 8, 9, "Đã xử lý xong", "Hồ sơ HS-0010: Đã xử lý xong."));
        await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("failed"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0010"),
            waitingFor: "the refused message given up");

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        await using var chromium = await Chromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = address, ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "vi-VN" });
        context.SetDefaultTimeout((float)Chromium.Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Tên đăng nhập").FillAsync("quantri");
        await page.GetByLabel("Mật khẩu").FillAsync(ProvinceApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Link, new() { Name = "Tin nhắn Zalo" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tin nhắn Zalo", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "HS-0010" });
        await Assertions.Expect(row).ToContainTextAsync("Số điện thoại không hợp lệ");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "Zalo messages");

        await row.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("HS-0010 vào hàng chờ gửi lại");
        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000110"), messages => messages.Count >= 1, waitingFor: "the message sent again");
        await Task.Delay(500);
        Assert.Single(await app.ZnsMessagesToAsync("84900000110"));
    }
}
