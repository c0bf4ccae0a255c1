using Microsoft.Playwright;

namespace Province.Testing.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>PROVINCE_CHROMIUM</c>) driven by Playwright for .NET. Playwright's
/// driver comes inside its NuGet package (<c>.playwright/</c> in the test output, Node.js included), so nothing is
/// downloaded: no browser build of Playwright's own is ever asked for, the executable path names Debian's.
/// Browser tests of any client (the mini app, the back office) open one of these per fixture and a context per test.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>How long any wait (a click's target, an assertion) may take: generous, the suite shares two cores.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    public static async Task<Chromium> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PROVINCE_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {executable}. Install Debian's package (apt-get install -y chromium; build/test.sh does it) or set PROVINCE_CHROMIUM.");
        }

        // Belt and braces: Playwright never fetches browsers at run time, but this keeps any install step from trying.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds,
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the pages are our own.
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-extensions", "--no-first-run"],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh phone (own storage, cookies, permissions): 360×640, Vietnamese, Vietnam's time zone.</summary>
    public async Task<IBrowserContext> NewPhoneAsync(string baseUrl, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 640 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>A fresh desktop or tablet (own storage, cookies): <paramref name="width"/>×<paramref name="height"/>, Vietnamese, Vietnam's time zone.</summary>
    public async Task<IBrowserContext> NewDesktopAsync(string baseUrl, int width = 1366, int height = 768, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
