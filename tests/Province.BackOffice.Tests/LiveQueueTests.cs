using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>The "new dossier" banner of an open queue: pushed by the queue's event stream, for the officer's agency only.</summary>
public sealed class LiveQueueTests(BackOfficeBrowser browser) : IClassFixture<BackOfficeBrowser>
{
    private const string Stream = "/staff/live/dossiers/queue/stream";

    [Fact]
    public async Task A_dossier_submitted_through_the_API_shows_the_banner_on_the_agencys_open_queue_without_reload()
    {
        var mine = await OpenQueueAsync("tanninh.mai");
        var other = await OpenQueueAsync("tuphap.lan");
        await Assertions.Expect(mine.GetByTestId("new-dossier-banner")).ToBeHiddenAsync();

        var (_, code) = await CitizenDossiers.SubmitBirthRegistrationAsync(browser.App, "Lê Thị Hồng Nhung");

        await Assertions.Expect(mine.GetByTestId("new-dossier-banner")).ToBeVisibleAsync();
        Assert.True(await mine.EvaluateAsync<bool>("() => window.notReloaded === true"), "the banner came without a reload");
        await BackOfficeBrowser.AssertAccessibleAsync(mine);
        // Sở Tư pháp's officer heard nothing of phường Tân Ninh's dossier (both streams were woken by the same change).
        await Task.Delay(500);
        await Assertions.Expect(other.GetByTestId("new-dossier-banner")).ToBeHiddenAsync();

        await mine.GetByRole(AriaRole.Link, new() { Name = "Tải lại danh sách" }).ClickAsync();
        await Assertions.Expect(mine.GetByRole(AriaRole.Link, new() { Name = code })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_queue_stream_names_the_agency_only_and_refuses_another_agencys()
    {
        using var officer = await browser.App.StaffAsync("tanninh.mai");
        using var stream = await officer.GetAsync("/api/staff/dossiers/queue/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var (id, code) = await CitizenDossiers.SubmitBirthRegistrationAsync(browser.App, "Phạm Văn Khánh");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));

        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal($"data: {{\"agencyId\":\"{dossier.GetProperty("agencyId").GetGuid()}\"}}", line);
        Assert.DoesNotContain(code, line!, StringComparison.Ordinal);

        using var outsider = await browser.App.StaffAsync("tuphap.lan");
        var refused = await outsider.GetAsync($"/api/staff/dossiers/queue/stream?agencyId={dossier.GetProperty("agencyId").GetGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>A signed-in queue page whose event stream is connected (so no change can slip in before it listens).</summary>
    private async Task<IPage> OpenQueueAsync(string userName)
    {
        var page = await browser.SignedInAsync(userName);
        var connected = page.WaitForResponseAsync(response => response.Url.Contains(Stream, StringComparison.Ordinal) && response.Status == 200);
        await page.GotoAsync("/staff/dossiers");
        await connected;
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        return page;
    }
}
