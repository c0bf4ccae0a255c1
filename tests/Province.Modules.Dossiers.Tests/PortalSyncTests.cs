namespace Province.Modules.Dossiers.Tests;

/// <summary>The national portal down must not touch citizens; back up, it gets every change once, in order.</summary>
public sealed class PortalSyncTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task With_the_portal_down_citizens_are_served_and_when_it_returns_every_change_arrives_once_in_order()
    {
        using var portal = app.CreateClient();
        (await portal.PostAsJsonAsync("/national-portal-simulator/dev/outage", new { down = true })).EnsureSuccessStatusCode();
        var officer = await app.StaffAsync("tanninh.mai");
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var citizen = await app.CitizenAsync($"zalo-portal-{i}");
            var (id, code) = await SubmitBirthRegistrationAsync(citizen, salt: 10 + i);
            await OkAsync(await ActAsync(officer, id, "accept"));
            await OkAsync(await ActAsync(officer, id, "request-supplement", new { note = "Thiếu giấy chứng sinh" }));
            codes.Add(code);
        }

        // Nothing reached the portal; the calls wait in the dossiers' own outbox (3 dossiers x (1 + 2 + 2) calls).
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain((await PortalReceivedAsync(app)).EnumerateArray(),
            c => c.GetProperty("service").GetString() is "DongBoHoSoMC" or "CapNhatTienDoHoSoMC");
        Assert.Equal(15, await app.Database.ScalarAsync<int>("""SELECT count(*) FROM dossiers.mt_events e WHERE e.type = 'portal_call_queued' AND NOT EXISTS (SELECT 1 FROM dossiers.mt_doc_portalcall c WHERE c.id = e.id AND c.data ->> 'sentAt' IS NOT NULL)"""));
        Assert.True(await app.Database.ScalarAsync<int>("""SELECT max((data ->> 'attempts')::int) FROM dossiers.mt_doc_portalcall""") >= 1);

        (await portal.PostAsJsonAsync("/national-portal-simulator/dev/outage", new { down = false })).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            () => app.Database.ScalarAsync<int>("""SELECT count(*) FROM dossiers.mt_events e WHERE e.type = 'portal_call_queued' AND NOT EXISTS (SELECT 1 FROM dossiers.mt_doc_portalcall c WHERE c.id = e.id AND c.data ->> 'sentAt' IS NOT NULL)"""),
            pending => pending == 0, TimeSpan.FromSeconds(30));

        var received = (await PortalReceivedAsync(app)).EnumerateArray().ToList();
        foreach (var code in codes)
        {
            var calls = received
                .Where(c => c.GetProperty("service").GetString() is "DongBoHoSoMC" or "CapNhatTienDoHoSoMC")
                .Where(c => c.GetProperty("body").GetProperty("data")[0].GetProperty("MaHoSo").GetString() == code)
                .Select(c => (Service: c.GetProperty("service").GetString(), Status: Status(c)))
                .ToList();
            Assert.Equal(
                [("DongBoHoSoMC", "1"), ("DongBoHoSoMC", "2"), ("CapNhatTienDoHoSoMC", "2"), ("DongBoHoSoMC", "5"), ("CapNhatTienDoHoSoMC", "5")],
                calls);
        }

        var lookup = await portal.GetFromJsonAsync<JsonElement>($"/national-portal-simulator/dev/dossiers/{codes[0]}");
        Assert.Equal("5", lookup.GetProperty("TrangThaiHoSo").ToString());
    }

    [Fact]
    public async Task Importing_the_catalog_from_the_portal_twice_changes_nothing_the_second_time()
    {
        var administrator = await app.StaffAsync("quantri");

        var first = await OkAsync(await administrator.PostAsync("/api/staff/dossiers/catalog/imports", null));
        var second = await OkAsync(await administrator.PostAsync("/api/staff/dossiers/catalog/imports", null));

        var listed = first.GetProperty("listed").GetInt32();
        Assert.True(listed > 0);
        Assert.Equal(listed, first.GetProperty("created").GetInt32() + first.GetProperty("updated").GetInt32()
            + first.GetProperty("unchanged").GetInt32() + first.GetProperty("skipped").GetArrayLength());
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(listed - second.GetProperty("skipped").GetArrayLength(), second.GetProperty("unchanged").GetInt32());
        var total = await app.Database.ScalarAsync<int>("SELECT count(*) FROM dossiers.mt_doc_procedure");
        Assert.Equal(total, await app.Database.ScalarAsync<int>("""SELECT count(DISTINCT code) FROM dossiers.mt_doc_procedure"""));

        var officer = await app.StaffAsync("tanninh.mai");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/staff/dossiers/catalog/imports", null)).StatusCode);
    }

    private static string? Status(JsonElement call)
    {
        var data = call.GetProperty("body").GetProperty("data")[0];
        return data.TryGetProperty("TrangThaiHoSo", out var status) ? status.GetString() : data.GetProperty("TrangThai").GetString();
    }
}
