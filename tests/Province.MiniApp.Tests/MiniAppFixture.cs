using System.Net.Http.Headers;

namespace Province.MiniApp.Tests;

/// <summary>The real host (PostgreSQL, demo data, Zalo simulator) serving the built app at /app/, and one Chromium.</summary>
public sealed class MiniAppFixture : IAsyncLifetime
{
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    public MiniAppHost App { get; } = new();

    public Chromium Chromium { get; private set; } = null!;

    /// <summary>http://127.0.0.1:port: the host's address (API and app).</summary>
    public string Origin { get; private set; } = "";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string AppDirectory => Path.Combine(RepositoryRoot, "src", "MiniApp", "dist");

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot, "docs", "screenshots", "miniapp");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(AppDirectory, "index.html")))
        {
            throw new InvalidOperationException($"The mini app is not built ({AppDirectory}): cd src/MiniApp && npm ci && npm run build (build/test.sh does it).");
        }

        await App.InitializeAsync();
        // Opening hours (07:00-17:00) hold at 09:00 Vietnam time today; the browser keeps its real clock, on the same date.
        App.Clock.Set(DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddHours(9), DateTimeKind.Unspecified));
        using var client = App.CreateClient();
        Origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Chromium = await Chromium.LaunchAsync();
        Assertions.SetDefaultExpectTimeout((float)Chromium.Timeout.TotalMilliseconds);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A phone with the app open as a new citizen (a Zalo user of its own), or anonymous.</summary>
    public async Task<Phone> PhoneAsync(string? zaloUserId = null, string? name = null, bool largeText = false, string path = "", Action<BrowserNewContextOptions>? configure = null)
    {
        var context = await Chromium.NewPhoneAsync(Origin, configure);
        // The app signs in through the Zalo simulator outside Zalo; these choose who it signs in as.
        var init = "";
        if (zaloUserId is not null)
        {
            init += $"localStorage.setItem('province.simulatorUser', {JsonSerializer.Serialize(zaloUserId)});";
        }

        if (name is not null)
        {
            init += $"localStorage.setItem('province.simulatorName', {JsonSerializer.Serialize(name)});";
        }

        if (largeText)
        {
            init += "localStorage.setItem('province.prefs', JSON.stringify({ largeText: true, highContrast: false }));";
        }

        if (init.Length > 0)
        {
            await context.AddInitScriptAsync($"(() => {{ try {{ {init} }} catch (e) {{}} }})();");
        }

        var page = await context.NewPageAsync();
        var phone = new Phone(context, page, this);
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                phone.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => phone.ConsoleErrors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                phone.ConsoleErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        await page.GotoAsync("/app/" + path);
        return phone;
    }

    /// <summary>The same citizen through the API (the simulator mints a token for the same Zalo user id).</summary>
    public Task<HttpClient> CitizenAsync(string zaloUserId) => App.CitizenAsync(zaloUserId);

    public Task<HttpClient> StaffAsync(string userName) => App.StaffAsync(userName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Province.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Province.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed class MiniAppHost : ProvinceApp
{
    /// <summary>A port for the app served from another origin than the API (CrossOriginTests); the API allows it.</summary>
    public static int OtherOriginPort { get; } = FreePort();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cors:AllowedOrigins:0"] = "https://h5.zdn.vn",
        ["Cors:AllowedOrigins:1"] = $"http://localhost:{OtherOriginPort}",
        ["MiniApp:Directory"] = MiniAppFixture.AppDirectory,
        ["Appointments:NearlyCalledAhead"] = "3",
        // Zalo messages through the simulator with two kinds offered, so the settings screen has real choices.
        ["Notifications:Zalo:Enabled"] = "true",
        ["Notifications:Zalo:ZnsBaseUrl"] = "/zalo-simulator/business",
        ["Notifications:Zalo:OAuthBaseUrl"] = "/zalo-simulator/oauth",
        ["Notifications:Zalo:AppId"] = "province-test",
        ["Notifications:Zalo:AppSecret"] = "test-app-secret",
        ["Notifications:Zalo:InitialRefreshToken"] = "simulator-oa-initial-refresh-token",
        ["Notifications:Zalo:Templates:dossierReceived:TemplateId"] = "tpl-dossier-received",
        ["Notifications:Zalo:Templates:dossierReceived:Parameters:ma_ho_so"] = "code",
        ["Notifications:Zalo:Templates:reportAnswered:TemplateId"] = "tpl-report-answered",
        ["Notifications:Zalo:Templates:reportAnswered:Parameters:ma"] = "code",
    };
}

[CollectionDefinition(Name)]
public sealed class MiniAppCollection : ICollectionFixture<MiniAppFixture>
{
    public const string Name = "mini app";
}

/// <summary>One phone: its browser context and page, the console errors it logged, screenshots and axe checks.</summary>
public sealed class Phone(IBrowserContext context, IPage page, MiniAppFixture fixture) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public List<string> ConsoleErrors { get; } = [];

    public ILocator Heading => Page.Locator("header h1");

    /// <summary>Taps a home tile (or any link or button) by its visible text.</summary>
    public async Task TapAsync(string text)
    {
        var target = Page.GetByRole(AriaRole.Link, new() { Name = text, Exact = true }).Or(Page.GetByRole(AriaRole.Button, new() { Name = text, Exact = true }));
        await target.First.ClickAsync();
    }

    /// <summary>Waits for the screen's title; at the deadline fails with what the phone showed and logged.</summary>
    public async Task ExpectScreenAsync(string title)
    {
        try
        {
            await Assertions.Expect(Heading).ToHaveTextAsync(title, new() { Timeout = (float)Chromium.Timeout.TotalMilliseconds });
        }
        catch (PlaywrightException exception)
        {
            var text = await Page.Locator("body").InnerTextAsync(new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)", TaskScheduler.Default);
            throw new TimeoutException(
                $"Waited for the screen \"{title}\" at {Page.Url}. The page showed: {text[..Math.Min(text.Length, 800)]}\nConsole errors: {string.Join(" | ", ConsoleErrors)}", exception);
        }
    }

    /// <summary>axe-core on the screen as it is; saved as a screenshot under docs/screenshots/miniapp when named.</summary>
    public async Task CheckAsync(string screen, string? screenshot = null)
    {
        await Assertions.Expect(Page.Locator("[role=status].loading")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(Page, screen);
        if (screenshot is not null)
        {
            Directory.CreateDirectory(MiniAppFixture.ScreenshotDirectory);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(MiniAppFixture.ScreenshotDirectory, screenshot + ".png") });
        }
    }

    public Task<HttpClient> ApiAsync(string zaloUserId) => fixture.CitizenAsync(zaloUserId);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
