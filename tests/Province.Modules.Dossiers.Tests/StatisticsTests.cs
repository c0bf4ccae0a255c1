using System.Text;

namespace Province.Modules.Dossiers.Tests;

/// <summary>Statistics per agency and month, on dossiers seeded at known dates; its own host for its own clock.</summary>
public sealed class StatisticsTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Statistics_count_received_on_time_late_processing_days_and_overdue_and_export_csv()
    {
        // Monday 1/3/2027: three birth registrations (one working day each), all accepted the same day (due Tuesday 2/3).
        app.Clock.Set(new DateTime(2027, 3, 1, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-statistics", "Nguyễn Văn An");
        var (onTime, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1701);
        var (late, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1702);
        var (overdue, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1703);
        var officer = await app.StaffAsync("tanninh.mai");
        foreach (var id in new[] { onTime, late, overdue })
        {
            await OkAsync(await ActAsync(officer, id, "accept"));
        }

        var staffId = (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{TanNinhWard}/staff")).GetProperty("items")[0].GetProperty("id").GetGuid();

        // Tuesday 2/3: one completed on its due date (1 working day).
        app.Clock.Set(new DateTime(2027, 3, 2, 10, 0, 0));
        officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, onTime, "assign", new { staffId }));
        await OkAsync(await ActAsync(officer, onTime, "complete", new { note = "Trả tại quầy" }));

        // Thursday 4/3: one completed late, after its apology (3 working days); one still open and overdue.
        app.Clock.Set(new DateTime(2027, 3, 4, 9, 0, 0));
        officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, late, "apologize", new { newDueDate = "2027-03-05", note = "Chờ xác minh" }));
        await OkAsync(await ActAsync(officer, late, "assign", new { staffId }));
        await OkAsync(await ActAsync(officer, late, "complete", new { note = "Trả tại quầy" }));

        var statistics = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/statistics?from=2027-03-01&to=2027-03-31");

        var march = Assert.Single(statistics.GetProperty("months").EnumerateArray());
        Assert.Equal(TanNinhWard, march.GetProperty("agencyId").GetGuid());
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", march.GetProperty("agencyName").GetString());
        Assert.Equal("2027-03", march.GetProperty("month").GetString());
        Assert.Equal(3, march.GetProperty("receivedOnline").GetInt32());
        Assert.Equal(0, march.GetProperty("receivedAtCounter").GetInt32());
        Assert.Equal(2, march.GetProperty("completed").GetInt32());
        Assert.Equal(1, march.GetProperty("completedOnTime").GetInt32());
        Assert.Equal(1, march.GetProperty("completedLate").GetInt32());
        Assert.Equal(50.0, march.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(2.0, march.GetProperty("averageProcessingWorkingDays").GetDouble());
        var ward = Assert.Single(statistics.GetProperty("agencies").EnumerateArray());
        Assert.Equal(1, ward.GetProperty("open").GetInt32());
        Assert.Equal(1, ward.GetProperty("currentlyOverdue").GetInt32());

        // Another month holds none of them.
        Assert.Empty((await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/statistics?from=2027-04-01&to=2027-04-30")).GetProperty("months").EnumerateArray());

        // The same table as CSV, UTF-8 with a byte order mark so that Excel shows the Vietnamese.
        var csv = await officer.GetAsync("/api/staff/dossiers/statistics?from=2027-03-01&to=2027-03-31&format=csv&table=months");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Mã cơ quan,Cơ quan,Tháng,Tiếp nhận trực tuyến", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{TanNinhWard},\"Ủy ban nhân dân phường Tân Ninh\",2027-03,3,0,2,1,1,50.0,2.0", Assert.Single(lines[1..]));
        await ProblemAsync(await officer.GetAsync("/api/staff/dossiers/statistics?format=csv"), HttpStatusCode.BadRequest);

        // Others see only their own agency; an administrator sees every agency.
        var justice = await app.StaffAsync("tuphap.lan");
        await ProblemAsync(await justice.GetAsync($"/api/staff/dossiers/statistics?from=2027-03-01&to=2027-03-31&agencyId={TanNinhWard}"), HttpStatusCode.Forbidden, "dossier.agency_forbidden");
        Assert.Empty((await justice.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/statistics?from=2027-03-01&to=2027-03-31")).GetProperty("months").EnumerateArray());
        var administrator = await app.StaffAsync("quantri");
        var all = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/statistics?from=2027-03-01&to=2027-03-31");
        Assert.Equal(3, all.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("agencyId").GetGuid() == TanNinhWard).GetProperty("receivedOnline").GetInt32());
    }
}
