using System.Text;

namespace Province.Modules.Appointments.Tests;

/// <summary>Waiting time at the counters: the figures of real tickets, the agency's scope, the CSV.</summary>
public sealed class StatisticsTests : IClassFixture<ProvinceApp>
{
    private static readonly Guid JusticeDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000002");

    private readonly ProvinceApp _app;

    public StatisticsTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am);
    }

    [Fact]
    public async Task Tickets_served_and_the_average_and_90th_percentile_wait_come_from_the_tickets_of_the_day()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var officer = await _app.StaffAsync("tanninh.mai");
        for (var i = 0; i < 3; i++)
        {
            await OkAsync(await TakeTicketAsync(await _app.CitizenAsync($"zalo-statistics-{i}"), Id(office), group));
        }

        // Taken at 08:00; called at 08:05, 08:10 and 08:30: waits of 5, 10 and 30 minutes. The first is served to the end.
        async Task<JsonElement> CallAsync() => await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var first = await CallAsync();
        var started = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(first)}/start", new { version = first.GetProperty("version").GetInt32() }));
        await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(first)}/finish", new { version = started.GetProperty("version").GetInt32() }));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await CallAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        await CallAsync();

        var statistics = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/appointments/statistics?from=2026-12-01&to=2026-12-02&officeId={Id(office)}");
        var row = Assert.Single(statistics.GetProperty("days").EnumerateArray());
        Assert.Equal("2026-12-02", row.GetProperty("date").GetString());
        Assert.Equal(group, row.GetProperty("serviceGroupId").GetGuid());
        Assert.Equal("Hộ tịch", row.GetProperty("serviceGroupName").GetString());
        Assert.Equal(office.GetProperty("name").GetString(), row.GetProperty("officeName").GetString());
        Assert.Equal(3, row.GetProperty("issued").GetInt32());
        Assert.Equal(3, row.GetProperty("called").GetInt32());
        Assert.Equal(1, row.GetProperty("served").GetInt32());
        Assert.Equal(15.0, row.GetProperty("averageWaitMinutes").GetDouble());
        // percentile_cont: 10 + 0.8 × (30 - 10).
        Assert.Equal(26.0, row.GetProperty("p90WaitMinutes").GetDouble());

        // The agency's own figures include it; the CSV has the same row under Vietnamese headers, UTF-8 with a BOM.
        var agencyWide = await officer.GetFromJsonAsync<JsonElement>("/api/staff/appointments/statistics?from=2026-12-02&to=2026-12-02");
        Assert.Contains(agencyWide.GetProperty("days").EnumerateArray(), r => r.GetProperty("officeId").GetGuid() == Id(office));
        var csv = await officer.GetAsync($"/api/staff/appointments/statistics?from=2026-12-02&to=2026-12-02&officeId={Id(office)}&format=csv&table=days");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Ngày,Mã bộ phận,Bộ phận một cửa,Mã nhóm,Nhóm dịch vụ,Số đã lấy,Số đã gọi,Đã phục vụ,Chờ trung bình (phút),Chờ phân vị 90 (phút)", lines[0]);
        Assert.Equal($"2026-12-02,{Id(office)},\"{office.GetProperty("name").GetString()}\",\"HT\",\"Hộ tịch\",3,3,1,15.0,26.0", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task Another_agencys_figures_are_refused_and_its_offices_are_not_found()
    {
        var office = await CreateOfficeAsync(_app);
        var wardOfficer = await _app.StaffAsync("tanninh.mai");
        await ProblemAsync(await wardOfficer.GetAsync($"/api/staff/appointments/statistics?agencyId={JusticeDepartment}"),
            HttpStatusCode.Forbidden, "appointments.agency_forbidden");

        var departmentOfficer = await _app.StaffAsync("tuphap.lan");
        await ProblemAsync(await departmentOfficer.GetAsync($"/api/staff/appointments/statistics?officeId={Id(office)}"),
            HttpStatusCode.NotFound, "appointments.office_not_found");
        var own = await departmentOfficer.GetFromJsonAsync<JsonElement>("/api/staff/appointments/statistics?from=2026-12-02&to=2026-12-02");
        Assert.DoesNotContain(own.GetProperty("days").EnumerateArray(), r => r.GetProperty("officeId").GetGuid() == Id(office));

        var administrator = await _app.StaffAsync("quantri");
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/api/staff/appointments/statistics?officeId={Id(office)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await administrator.GetAsync("/api/staff/appointments/statistics?from=2026-12-02&to=2026-01-01")).StatusCode);
    }
}
