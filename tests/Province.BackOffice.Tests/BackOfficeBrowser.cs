using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Province.Testing;
using Province.Testing.Browser;

namespace Province.BackOffice.Tests;

/// <summary>
/// One Province host (real Kestrel on loopback, PostgreSQL, demo data) and one headless Chromium for a test class:
/// the shared <see cref="Chromium"/> of Province.Testing (Debian's <c>/usr/bin/chromium</c> or <c>PROVINCE_CHROMIUM</c>,
/// driven by Playwright, no browser download). Each test opens its own browser context (its own cookies), so tests of a
/// class do not see each other's sign-ins. A class that needs other settings derives from it with its own
/// <see cref="ProvinceApp"/> (see <c>SignInBudgetTests</c>).
/// </summary>
public class BackOfficeBrowser : IAsyncLifetime
{
    private Chromium? _chromium;

    public BackOfficeBrowser()
        : this(new ProvinceApp())
    {
    }

    protected BackOfficeBrowser(ProvinceApp app)
    {
        App = app;
    }

    public ProvinceApp App { get; }

    public IBrowser Browser => (_chromium ?? throw new InvalidOperationException("Not initialised yet.")).Browser;

    public Uri Address { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A fresh page in a context of its own (1366×768, an office PC, unless told), nothing signed in.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768, Action<BrowserNewContextOptions>? configure = null)
    {
        var context = await (_chromium ?? throw new InvalidOperationException("Not initialised yet."))
            .NewDesktopAsync(Address.ToString().TrimEnd('/'), width, height, configure);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in through the sign-in form as a demo staff member.</summary>
    public async Task<IPage> SignedInAsync(string userName, string? password = null)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, userName, password ?? ProvinceApp.DemoPassword);
        await WaitDuringSignInAsync(page, userName, "to leave the sign-in page",
            timeout => page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new() { Timeout = timeout }));
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
        // The page before the click is marked, so the wait ends on the server's answer to the form (a new document, parsed),
        // never on the page it left. Not WaitForLoadState: after the sixth sign-in of a locked-out account it once waited
        // its 60 s with the answer on screen and the network idle (a fresh-check of ca90f4b).
        await page.EvaluateAsync("() => { window.provinceSignInSent = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await WaitDuringSignInAsync(page, userName, "for the server's answer to the sign-in form",
            timeout => page.WaitForFunctionAsync("() => !window.provinceSignInSent && document.readyState !== 'loading'", null, new() { Timeout = timeout }));
    }

    // 60 s, not Playwright's 30: a class's first page (its host's first, rendered cold while the suite loads two cores) once
    // took longer than 30 s in a fresh-check. The later failures in SignInAsync were its former load-state wait, once seen
    // stuck with the server's answer on screen (see there).
    private const float SignInDeadlineMilliseconds = 60_000;

    /// <summary>
    /// One of the sign-in's waits, given <see cref="SignInDeadlineMilliseconds"/>; at the deadline it fails saying what it
    /// waited for, where the page was and what the page showed.
    /// </summary>
    private static async Task WaitDuringSignInAsync(IPage page, string userName, string awaited, Func<float, Task> wait)
    {
        try
        {
            await wait(SignInDeadlineMilliseconds);
        }
        catch (TimeoutException timeout)
        {
            string shown;
            try
            {
                shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException unreadable)
            {
                shown = $"(nothing readable: {unreadable.Message})";
            }

            throw new TimeoutException(
                $"Signed in as {userName}: waited {SignInDeadlineMilliseconds / 1000} s {awaited}, the page at {page.Url}; it showed: {shown}", timeout);
        }
    }

    /// <summary>axe-core on the page as it is: fails naming every serious or critical violation.</summary>
    public static Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Accessibility.AssertNoSeriousViolationsAsync(page, page.Url);
    }

    /// <summary>A screenshot of the page for the README (docs/screenshots/backoffice/), when PROVINCE_SCREENSHOTS names the folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("PROVINCE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }
}
