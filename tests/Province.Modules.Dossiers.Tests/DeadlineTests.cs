using Microsoft.Extensions.Configuration;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tests;

/// <summary>Working days on the configured calendar: Tết 2026 (14-22/2), weekends, pauses and extensions.</summary>
public sealed class DeadlineTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    /// <summary>The calendar as shipped in the host's appsettings.json (the one production reads).</summary>
    private static WorkingCalendar Calendar2026()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Province.sln")))
        {
            directory = directory.Parent;
        }

        return WorkingCalendar.From(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(directory.FullName, "src", "Host", "appsettings.json"))
            .Build());
    }

    [Theory]
    [InlineData("2026-02-12", 1, "2026-02-13")] // Thursday before Tết: Friday.
    [InlineData("2026-02-13", 1, "2026-02-23")] // Friday before Tết: Monday after it (14-22/2 off).
    [InlineData("2026-02-12", 3, "2026-02-24")]
    [InlineData("2026-02-21", 1, "2026-02-23")] // Received on a Tết Saturday.
    [InlineData("2026-04-24", 3, "2026-05-04")] // Friday; Hùng Kings (27/4, compensated), 30/4 and 1/5 off.
    [InlineData("2026-03-06", 10, "2026-03-20")] // Two plain weeks.
    public void Due_dates_count_working_days_after_the_day_of_receipt(string received, int days, string due)
    {
        var calendar = Calendar2026();

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            calendar.AddWorkingDays(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void Days_paused_are_counted_in_working_days_and_make_up_saturdays_count()
    {
        var calendar = new WorkingCalendar([new DateOnly(2026, 2, 16)], [new DateOnly(2026, 2, 7)]);

        Assert.Equal(2, calendar.WorkingDaysBetween(new DateOnly(2026, 2, 12), new DateOnly(2026, 2, 17))); // 13 (Fri), 17 (Tue); 16 is a holiday.
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 7)));
        Assert.Equal(new DateOnly(2026, 2, 7), calendar.AddWorkingDays(new DateOnly(2026, 2, 6), 1));
    }

    [Fact]
    public async Task A_dossier_across_Tet_paused_for_a_supplement_extended_then_late_needs_an_apology()
    {
        var citizen = await app.CitizenAsync("zalo-deadline");
        // Thursday 12/2/2026, the week before Tết: birth registration takes 1 working day.
        app.Clock.Set(new DateTime(2026, 2, 12, 9, 0, 0));
        var (id, code) = await SubmitBirthRegistrationAsync(citizen, salt: 1);
        Assert.Equal("2026-02-13", await DueDateAsync(citizen, id));
        Assert.Contains("-260212-", code, StringComparison.Ordinal);

        // Accepted on Friday 13/2: the next working day is Monday 23/2, after Tết.
        app.Clock.Set(new DateTime(2026, 2, 13, 8, 0, 0));
        var officer = await app.StaffAsync("tanninh.mai");
        Assert.Equal("2026-02-23", (await OkAsync(await ActAsync(officer, id, "accept"))).GetProperty("dueAt").GetString()![..10]);

        // Monday 23/2: a supplement is requested; the clock pauses.
        app.Clock.Set(new DateTime(2026, 2, 23, 10, 0, 0));
        officer = await app.StaffAsync("tanninh.mai");
        var paused = await OkAsync(await ActAsync(officer, id, "request-supplement", new { note = "Thiếu bản sao giấy chứng nhận kết hôn" }));
        Assert.Equal("paused", paused.GetProperty("timeliness").GetString());

        // Wednesday 25/2: the citizen supplements; two working days paused move the date from 23/2 to 25/2.
        app.Clock.Set(new DateTime(2026, 2, 25, 15, 0, 0));
        var version = (await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("version").GetInt32();
        var resumed = await OkAsync(await citizen.PostAsJsonAsync($"/api/dossiers/{id}/supplements", new
        {
            documents = new[] { new { documentKey = "1", fileIds = new[] { await UploadIdAsync(citizen, 77) } } },
            note = "Đã bổ sung",
            version,
        }));
        Assert.Equal("2026-02-25", resumed.GetProperty("dueAt").GetString()![..10]);

        // Extended by 2 working days: Friday 27/2.
        officer = await app.StaffAsync("tanninh.mai");
        Assert.Equal("2026-02-27", (await OkAsync(await ActAsync(officer, id, "extend-deadline", new { workingDays = 2, note = "Cần xác minh với nơi cấp giấy chứng sinh" }))).GetProperty("dueAt").GetString()![..10]);
        await OkAsync(await ActAsync(officer, id, "assign", new { staffId = await OfficerIdAsync(officer) }));

        // Monday 2/3: overdue. The queue shows it, the watcher raises DossierOverdue once.
        app.Clock.Set(new DateTime(2026, 3, 2, 8, 0, 0));
        officer = await app.StaffAsync("tanninh.mai");
        var overdue = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?timeliness=overdue");
        var item = overdue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.True(item.GetProperty("apologyRequired").GetBoolean());
        await Eventually.GetAsync(
            () => app.Database.ScalarAsync<int>("""SELECT count(*) FROM dossiers.mt_events WHERE type = 'dossier_overdue' AND data ->> 'dossierCode' = @code""", ("code", code)),
            n => n == 1);

        // A late dossier cannot close without an apology with a new date.
        var refused = await ProblemAsync(await ActAsync(officer, id, "complete", new { note = "Trả tại quầy" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("dossier.apology_required", refused.GetProperty("code").GetString());
        var apology = await OkAsync(await ActAsync(officer, id, "apologize", new { newDueDate = "2026-03-04", note = "Chờ kết quả xác minh" }));
        Assert.Equal("2026-03-04", apology.GetProperty("dueAt").GetString()![..10]);
        await OkAsync(await ActAsync(officer, id, "complete", new { note = "Trả tại quầy" }));

        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        var letter = mine.GetProperty("apologies")[0].GetProperty("letter").GetString()!;
        Assert.Contains("xin lỗi", letter, StringComparison.Ordinal);
        Assert.Contains("04/03/2026", letter, StringComparison.Ordinal);
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """SELECT count(*) FROM dossiers.mt_events WHERE type = 'dossier_apology_issued' AND data ->> 'dossierCode' = @code""", ("code", code)));

        // The letter is sent: it reaches the citizen's inbox (Notifications consumes the event once).
        var inbox = await Eventually.GetAsync(
            () => citizen.GetFromJsonAsync<JsonElement>("/api/notifications?pageSize=50"),
            page => page.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("title").GetString()!.StartsWith("Phiếu xin lỗi", StringComparison.Ordinal)));
        Assert.Single(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("body").GetString() == letter);
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """SELECT count(*) FROM dossiers.mt_events WHERE type = 'dossier_overdue' AND data ->> 'dossierCode' = @code""", ("code", code)));
    }

    [Fact]
    public async Task An_apology_is_refused_while_the_dossier_is_well_within_its_time()
    {
        app.Clock.Set(new DateTime(2026, 3, 9, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-deadline-2");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 2);
        var officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, id, "accept"));
        await OkAsync(await ActAsync(officer, id, "extend-deadline", new { workingDays = 10, note = "Xác minh" }));

        var problem = await ProblemAsync(await ActAsync(officer, id, "apologize", new { newDueDate = "2026-04-30", note = "Chậm" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("dossier.apology_not_needed", problem.GetProperty("code").GetString());
    }

    private static async Task<string> DueDateAsync(HttpClient citizen, Guid id) =>
        (await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("dueAt").GetString()![..10]!;

    private static async Task<Guid> OfficerIdAsync(HttpClient officer) =>
        (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{TanNinhWard}/staff")).GetProperty("items")[0].GetProperty("id").GetGuid();
}
