using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>
/// One Province host (real Kestrel on loopback, PostgreSQL, demo data) and one headless Chromium for a test class:
/// Debian's <c>/usr/bin/chromium</c> (or <c>PROVINCE_CHROMIUM</c>) driven by Playwright, no browser download. Each test
/// opens its own browser context (its own cookies), so tests of a class do not see each other's sign-ins.
/// </summary>
public sealed class BackOfficeBrowser : IAsyncLifetime
{
    public ProvinceApp App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public Uri Address { get; private set; } = default!;

    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("PROVINCE_CHROMIUM") ?? "/usr/bin/chromium";
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--lang=vi-VN"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A fresh page in a context of its own (1366×768, an office PC), nothing signed in.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in through the sign-in form as a demo staff member.</summary>
    public async Task<IPage> SignedInAsync(string userName, string? password = null)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName, password ?? ProvinceApp.DemoPassword);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/staff/sign-in", StringComparison.Ordinal))
        {
            await page.GotoAsync("/staff/sign-in");
        }

        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>axe-core on the page as it is: fails naming every serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"axe on {page.Url}: " + string.Join("; ", blocking.Select(Describe)));
    }

    /// <summary>A screenshot of the page for the README (docs/screenshots/backoffice/), when PROVINCE_SCREENSHOTS names the folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PROVINCE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()))}";
}
