using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>
/// The API's per-address sign-in budget through the pages: each person behind the province's proxy spends their own,
/// not one budget shared by everyone because the back office calls the API from the host's own address (ADR 22).
/// </summary>
public sealed class SignInBudgetTests(SignInBudgetTests.BehindProxy browser) : IClassFixture<SignInBudgetTests.BehindProxy>
{
    private const int Budget = 3;

    [Fact]
    public async Task People_signing_in_through_the_pages_each_spend_their_own_address_budget()
    {
        // More people than one address's budget sign in, each from their own address: none is refused.
        for (var person = 1; person <= Budget + 2; person++)
        {
            var page = await From($"203.0.113.{person}");
            await BackOfficeBrowser.SignInAsync(page, "tanninh.mai", ProvinceApp.DemoPassword);
            await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        }

        // One address still has its budget: its fourth attempt in the minute is refused, with the API's Vietnamese message.
        var guesser = await From("198.51.100.7");
        for (var attempt = 1; attempt <= Budget; attempt++)
        {
            await BackOfficeBrowser.SignInAsync(guesser, "khong.co.ai", "sai-mat-khau");
            await Assertions.Expect(guesser.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("quá nhiều yêu cầu");
        }

        await BackOfficeBrowser.SignInAsync(guesser, "khong.co.ai", "sai-mat-khau");
        await Assertions.Expect(guesser.GetByRole(AriaRole.Alert)).ToContainTextAsync("quá nhiều yêu cầu");
    }

    /// <summary>A browser the proxy says comes from <paramref name="address"/>.</summary>
    private Task<IPage> From(string address) =>
        browser.NewPageAsync(configure: options => options.ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = address });

    /// <summary>Province behind a proxy on loopback (which names each browser's address), with a small anonymous budget.</summary>
    public sealed class BehindProxy() : BackOfficeBrowser(new LimitedApp());

    private sealed class LimitedApp : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimiting:AnonymousPermitsPerMinute"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
    }
}
