namespace Province.Modules.Dossiers.Tests;

/// <summary>Days administrators add to the working calendar move the deadlines of dossiers received afterwards.</summary>
public sealed class WorkingCalendarTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static async Task<string> DueDateAsync(HttpClient citizen, Guid id) =>
        (await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("dueAt").GetString()![..10];

    [Fact]
    public async Task A_holiday_added_by_an_administrator_moves_the_due_date_and_removing_it_moves_it_back()
    {
        // Birth registration takes one working day: received Wednesday 23/12/2026, due Thursday 24/12.
        app.Clock.Set(new DateTime(2026, 12, 23, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-calendar");
        var administrator = await app.StaffAsync("quantri");
        var added = await OkAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-12-24", kind = "holiday", name = "Nghỉ phép chung cuối năm" }));
        Assert.Equal("holiday", added.GetProperty("kind").GetString());

        var (during, _) = await SubmitBirthRegistrationAsync(citizen, salt: 31);
        Assert.Equal("2026-12-25", await DueDateAsync(citizen, during));
        var calendar = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/calendar?year=2026");
        Assert.Contains(calendar.GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-12-24"
            && d.GetProperty("name").GetString() == "Nghỉ phép chung cuối năm" && d.GetProperty("source").GetString() == "administrator");
        Assert.Contains(calendar.GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-09-02"
            && d.GetProperty("source").GetString() == "configuration");

        Assert.Equal(HttpStatusCode.NoContent, (await administrator.DeleteAsync("/api/staff/dossiers/calendar/days/2026-12-24")).StatusCode);
        var (after, _) = await SubmitBirthRegistrationAsync(citizen, salt: 32);
        Assert.Equal("2026-12-24", await DueDateAsync(citizen, after));
        // The dossier received while the holiday stood keeps its date.
        Assert.Equal("2026-12-25", await DueDateAsync(citizen, during));
    }

    [Fact]
    public async Task Bad_days_twice_the_same_day_and_officers_are_refused()
    {
        var administrator = await app.StaffAsync("quantri");
        var weekday = await ProblemAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-12-16", kind = "workingWeekendDay", name = "Làm bù" }), HttpStatusCode.BadRequest);
        Assert.Contains("thứ Bảy hoặc Chủ nhật", weekday.GetRawText(), StringComparison.Ordinal);
        await ProblemAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-12-16", kind = "holiday", name = "" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-09-02", kind = "holiday", name = "Quốc khánh" }), HttpStatusCode.Conflict, "dossier.calendar_day_exists");

        await OkAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days", new { date = "2026-12-19", kind = "workingWeekendDay", name = "Làm bù thứ Bảy" }));
        await ProblemAsync(await administrator.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-12-19", kind = "workingWeekendDay", name = "Làm bù thứ Bảy" }), HttpStatusCode.Conflict, "dossier.calendar_day_exists");
        await ProblemAsync(await administrator.DeleteAsync("/api/staff/dossiers/calendar/days/2026-09-02"), HttpStatusCode.NotFound, "dossier.calendar_day_not_found");

        var officer = await app.StaffAsync("tuphap.lan");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/staff/dossiers/calendar/days",
            new { date = "2026-12-28", kind = "holiday", name = "Nghỉ" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/staff/dossiers/calendar")).StatusCode);
    }
}
