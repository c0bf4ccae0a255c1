using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Dossiers.Tracking.LookupDossier;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// The public lookup reads lookup views kept beside the dossiers (docs/decisions.md ADR 24): after every step the lookup
/// says what the dossier itself says, the view holds nothing personal, and dossiers stored before views existed get
/// theirs at the next start.
/// </summary>
public sealed class LookupViewTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    /// <summary>All a view holds: what the lookup answers, and the code and secret it is found by.</summary>
    private static readonly string[] ViewFields = ["id", "code", "lookupSecret", "procedureName", "agencyName", "status", "submittedAt", "dueDate", "steps"];

    [Fact]
    public async Task After_every_step_the_public_lookup_says_what_the_dossier_says()
    {
        var citizen = await app.CitizenAsync("zalo-lookup-view", "Đặng Thị Mai");
        var officer = await app.StaffAsync("tanninh.mai");
        var (id, code, secret) = await SubmitAsync(citizen, "Đặng Thị Mai", salt: 41);
        await AssertLookupMatchesDossierAsync(officer, id, code, secret, "new", steps: 1);

        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));
        await AssertLookupMatchesDossierAsync(officer, id, code, secret, "accepted", steps: 2);

        await AssignToAsync(officer, id, "Huỳnh Anh Tuấn");
        await AssertLookupMatchesDossierAsync(officer, id, code, secret, "processing", steps: 3);

        await OkAsync(await ActAsync(officer, id, "request-supplement", new { note = "Thiếu bản sao giấy chứng nhận kết hôn" }));
        var paused = await AssertLookupMatchesDossierAsync(officer, id, code, secret, "supplementRequested", steps: 4);
        Assert.Equal("paused", paused.GetProperty("timeliness").GetString());

        await OkAsync(await ActAsync(officer, id, "stop", new { note = "Công dân không bổ sung hồ sơ" }));
        await AssertLookupMatchesDossierAsync(officer, id, code, secret, "stopped", steps: 5);
    }

    [Fact]
    public async Task The_lookup_view_holds_nothing_personal()
    {
        var citizen = await app.CitizenAsync("zalo-lookup-view-private", "Trương Văn Khải");
        var officer = await app.StaffAsync("tanninh.mai");
        var (id, _, _) = await SubmitAsync(citizen, "Trương Văn Khải", salt: 42);
        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Ghi chú nội bộ của cán bộ" }));
        await AssignToAsync(officer, id, "Huỳnh Anh Tuấn");

        var stored = await app.Database.ScalarAsync<string>("SELECT data::text FROM dossiers.mt_doc_dossierlookup WHERE id = @id", ("id", id));
        using var view = JsonDocument.Parse(stored);
        Assert.Equal(ViewFields.Order(), view.RootElement.EnumerateObject().Select(p => p.Name).Order());
        foreach (var personal in new[] { "Khải", "Trương", "0912345678", "072090001234", "Trần Hưng Đạo", "Huỳnh Anh Tuấn", "Ghi chú", "Đăng ký khai sinh cho con" })
        {
            Assert.DoesNotContain(personal, stored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dossiers_stored_before_lookup_views_existed_get_theirs_at_the_next_start_and_only_once()
    {
        var citizen = await app.CitizenAsync("zalo-lookup-view-upgrade", "Mai Văn Sơn");
        var officer = await app.StaffAsync("tanninh.mai");
        var (id, code, secret) = await SubmitAsync(citizen, "Mai Văn Sơn", salt: 43);
        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));
        var before = await AssertLookupMatchesDossierAsync(officer, id, code, secret, "accepted", steps: 2);

        // The database as an older version left it: dossiers, no views, no record of the fill.
        var removed = await app.Database.ScalarAsync<long>("""
            WITH views AS (DELETE FROM dossiers.mt_doc_dossierlookup RETURNING 1),
                 marker AS (DELETE FROM dossiers.mt_doc_dossierlookupsfilled RETURNING 1)
            SELECT (SELECT count(*) FROM views) + (SELECT count(*) FROM marker)
            """);
        Assert.True(removed > 1, $"Expected views and the fill's record to remove, removed {removed} rows.");
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code}?secret={secret}", UriKind.Relative))).StatusCode);

        await RunUpgradeAsync();
        var after = await AssertLookupMatchesDossierAsync(officer, id, code, secret, "accepted", steps: 2);
        Assert.Equal(before.GetRawText(), after.GetRawText());

        // Recorded as done: the next start leaves the views alone.
        await AssertFilledOnceAsync(app, "mt_doc_dossierlookup", "mt_doc_dossierlookupsfilled", id, RunUpgradeAsync);
        await AssertLookupMatchesDossierAsync(officer, id, code, secret, "accepted", steps: 2);
    }

    private async Task RunUpgradeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<BuildingBlocks.Persistence.IDataUpgrade>().OfType<FillDossierLookups>().Single().ApplyAsync(CancellationToken.None);
    }

    /// <summary>Submits a birth registration in <paramref name="name"/>; returns its id, code and the receipt's lookup secret.</summary>
    private static async Task<(Guid Id, string Code, string Secret)> SubmitAsync(HttpClient citizen, string name, int salt)
    {
        var receipt = await OkAsync(await DossierApi.SubmitAsync(citizen, await BirthRegistrationAsync(citizen, name, salt)));
        return (receipt.GetProperty("dossierId").GetGuid(), receipt.GetProperty("dossierCode").GetString()!, receipt.GetProperty("lookupSecret").GetString()!);
    }

    /// <summary>The public lookup (code and secret, no one signed in) beside the dossier as the officer opens it: same facts, same timeline.</summary>
    private async Task<JsonElement> AssertLookupMatchesDossierAsync(HttpClient officer, Guid id, string code, string secret, string status, int steps)
    {
        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal(status, dossier.GetProperty("status").GetString());
        using var anonymous = app.CreateClient();
        var lookup = await OkAsync(await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code}?secret={secret}", UriKind.Relative)));
        foreach (var field in new[] { "code", "procedureName", "agencyName", "status", "statusText", "submittedAt", "dueAt", "timeliness" })
        {
            Assert.True(lookup.GetProperty(field).GetRawText() == dossier.GetProperty(field).GetRawText(),
                $"{field}: the lookup says {lookup.GetProperty(field).GetRawText()}, the dossier {dossier.GetProperty(field).GetRawText()}");
        }

        var history = dossier.GetProperty("history").EnumerateArray().ToList();
        var timeline = lookup.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(steps, timeline.Count);
        Assert.Equal(history.Select(h => (h.GetProperty("at").GetRawText(), h.GetProperty("toStatus").GetString(), h.GetProperty("statusText").GetString())),
            timeline.Select(s => (s.GetProperty("at").GetRawText(), s.GetProperty("status").GetString(), s.GetProperty("statusText").GetString())));
        return lookup;
    }
}
