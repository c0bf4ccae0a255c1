using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Province.Modules.Dossiers.Tests;

/// <summary>Files, the receipt page and its QR code open by short-lived signed links, without headers; its own host for its own clock.</summary>
public sealed class SignedLinkTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_signed_link_opens_without_a_header_an_edited_one_is_refused_and_an_expired_one_too()
    {
        app.Clock.Set(new DateTime(2026, 12, 1, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-signed-links");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1601);
        var dossier = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        var file = dossier.GetProperty("files")[0];
        var url = file.GetProperty("url").GetString()!;
        var receipt = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}/receipt");
        using var browser = app.CreateClient();

        // Opens without Authorization: the file, the QR code in an <img>, the printable receipt.
        var opened = await browser.GetAsync(Relative(url));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(file.GetProperty("contentType").GetString(), opened.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file.GetProperty("size").GetInt64(), (await opened.Content.ReadAsByteArrayAsync()).Length);
        var qr = await browser.GetAsync(Relative(receipt.GetProperty("qrCodeSvgUrl").GetString()!));
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0x89, (await browser.GetByteArrayAsync(Relative(receipt.GetProperty("qrCodePngUrl").GetString()!)))[0]);
        var page = await browser.GetAsync(Relative(receipt.GetProperty("pageUrl").GetString()!));
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Edited: another file under the same signature, a changed expiry, no signature at all.
        var other = dossier.GetProperty("files").EnumerateArray().Last().GetProperty("id").GetGuid();
        var path = url[..url.IndexOf('?', StringComparison.Ordinal)];
        var query = url[url.IndexOf('?', StringComparison.Ordinal)..];
        await ProblemAsync(await browser.GetAsync(Relative(path.Replace(file.GetProperty("id").GetGuid().ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal) + query)),
            HttpStatusCode.Forbidden, "link.invalid");
        var expires = long.Parse(System.Web.HttpUtility.ParseQueryString(query).Get("expires")!, System.Globalization.CultureInfo.InvariantCulture);
        await ProblemAsync(await browser.GetAsync(Relative(url.Replace($"expires={expires}", $"expires={expires + 86400}", StringComparison.Ordinal))),
            HttpStatusCode.Forbidden, "link.invalid");
        await ProblemAsync(await browser.GetAsync(Relative(path)), HttpStatusCode.Forbidden, "link.invalid");
        Assert.NotEqual(Guid.Empty, other);

        // Expired after its 15 minutes: 403 link.expired; the dossier read again gives a fresh link.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await ProblemAsync(await browser.GetAsync(Relative(url)), HttpStatusCode.Forbidden, "link.expired");
        var fresh = (await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("files")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Relative(fresh))).StatusCode);
    }

    private static Uri Relative(string url) => new(url, UriKind.RelativeOrAbsolute);
}

/// <summary>A host mounted under a path base (<c>/province</c>, as behind a proxy): links carry the base and are checked with it.</summary>
public sealed class SignedLinkUnderPathBaseTests(SignedLinkUnderPathBaseTests.App app) : IClassFixture<SignedLinkUnderPathBaseTests.App>
{
    public sealed class App : ProvinceApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PathBaseFilter>());
        }

        /// <summary>What <c>UsePathBase("/province")</c> first in the pipeline does: <c>/province/api/...</c> reaches the API with that base.</summary>
        private sealed class PathBaseFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.UsePathBase("/province");
                next(app);
            };
        }
    }

    [Fact]
    public async Task A_link_made_under_the_path_base_carries_it_opens_with_it_and_not_without()
    {
        app.Clock.Set(new DateTime(2026, 12, 1, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-signed-links-base");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1611);

        var dossier = await citizen.GetFromJsonAsync<JsonElement>($"/province/api/dossiers/{id}");
        var url = dossier.GetProperty("files")[0].GetProperty("url").GetString()!;
        Assert.StartsWith($"/province/api/dossiers/{id}/files/", url, StringComparison.Ordinal);

        using var browser = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        // Signed for /province/...: the same path under another base is another link.
        await ProblemAsync(await browser.GetAsync(new Uri(url["/province".Length..], UriKind.Relative)), HttpStatusCode.Forbidden, "link.invalid");
    }
}
