using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Dossiers.Processing.OfficerQueue;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// The staff queue reads queue lines kept beside the dossiers (docs/decisions.md ADR 24): after every step a dossier's
/// row in the queue says what the dossier itself says, and dossiers stored before lines existed get theirs at the next start.
/// </summary>
public sealed class QueueLineTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task After_every_step_the_dossier_s_queue_row_says_what_the_dossier_says()
    {
        var citizen = await app.CitizenAsync("zalo-queue-line", "Lê Thị Hồng");
        var officer = await app.StaffAsync("tanninh.mai");
        var (id, code) = await SubmitBirthRegistrationAsync(citizen);
        await AssertRowMatchesDossierAsync(officer, id, code, "new");

        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));
        await AssertRowMatchesDossierAsync(officer, id, code, "accepted");

        await AssignToAsync(officer, id, "Huỳnh Anh Tuấn");
        var assigned = await AssertRowMatchesDossierAsync(officer, id, code, "processing");
        Assert.Equal("Huỳnh Anh Tuấn", assigned.GetProperty("assignedStaffName").GetString());

        await OkAsync(await ActAsync(officer, id, "request-supplement", new { note = "Thiếu bản sao giấy chứng nhận kết hôn" }));
        var paused = await AssertRowMatchesDossierAsync(officer, id, code, "supplementRequested");
        Assert.Equal("paused", paused.GetProperty("timeliness").GetString());

        // A closed dossier leaves the open queue and is found by its status.
        await OkAsync(await ActAsync(officer, id, "stop", new { note = "Công dân không bổ sung hồ sơ" }));
        var open = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?q={code}");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var stopped = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?q={code}&status=stopped");
        Assert.Equal(await VersionAsync(officer, id), stopped.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Dossiers_stored_before_queue_lines_existed_get_theirs_at_the_next_start_and_only_once()
    {
        var citizen = await app.CitizenAsync("zalo-queue-line-upgrade", "Phan Văn Đức");
        var officer = await app.StaffAsync("tanninh.mai");
        var (id, code) = await SubmitBirthRegistrationAsync(citizen);
        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));

        // The database as an older version left it: dossiers, no lines, no record of the fill.
        var removed = await app.Database.ScalarAsync<long>("""
            WITH lines AS (DELETE FROM dossiers.mt_doc_dossierqueueline RETURNING 1),
                 marker AS (DELETE FROM dossiers.mt_doc_dossierqueuelinesfilled RETURNING 1)
            SELECT (SELECT count(*) FROM lines) + (SELECT count(*) FROM marker)
            """);
        Assert.True(removed > 1, $"Expected lines and the fill's record to remove, removed {removed} rows.");
        var queue = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?q={code}");
        Assert.Equal(0, queue.GetProperty("total").GetInt32());

        await RunUpgradeAsync();
        await AssertRowMatchesDossierAsync(officer, id, code, "accepted");

        // Recorded as done: the next start leaves the lines alone.
        await AssertFilledOnceAsync(app, "mt_doc_dossierqueueline", "mt_doc_dossierqueuelinesfilled", id, RunUpgradeAsync);
        await AssertRowMatchesDossierAsync(officer, id, code, "accepted");
    }

    private async Task RunUpgradeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<BuildingBlocks.Persistence.IDataUpgrade>().OfType<FillDossierQueueLines>().Single().ApplyAsync(CancellationToken.None);
    }

    /// <summary>The dossier's row in the queue (searched by its code) beside the dossier as the officer opens it: same facts.</summary>
    private static async Task<JsonElement> AssertRowMatchesDossierAsync(HttpClient officer, Guid id, string code, string status)
    {
        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal(status, dossier.GetProperty("status").GetString());
        var queue = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?q={code}&status={status}");
        var row = queue.GetProperty("items").EnumerateArray().SingleOrDefault(i => i.GetProperty("id").GetGuid() == id);
        Assert.True(row.ValueKind == JsonValueKind.Object, $"No row for {code} in the queue of status {status}: {queue.GetRawText()}");
        foreach (var field in new[] { "code", "procedureCode", "procedureName", "agencyId", "agencyName", "status", "statusText", "submittedAt", "dueAt", "timeliness", "assignedStaffId", "assignedStaffName", "allowedActions", "version" })
        {
            Assert.True(row.GetProperty(field).GetRawText() == dossier.GetProperty(field).GetRawText(),
                $"{field}: the queue says {row.GetProperty(field).GetRawText()}, the dossier {dossier.GetProperty(field).GetRawText()}");
        }

        Assert.Equal(dossier.GetProperty("applicant").GetProperty("fullName").GetString(), row.GetProperty("applicantName").GetString());
        Assert.Equal(dossier.GetProperty("applicant").GetProperty("phoneNumber").GetString(), row.GetProperty("applicantPhoneNumber").GetString());
        return row;
    }
}
