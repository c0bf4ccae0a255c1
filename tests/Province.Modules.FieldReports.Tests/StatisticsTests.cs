namespace Province.Modules.FieldReports.Tests;

/// <summary>Province without escalation scans (deadlines stay where they were set), so the figures are exactly what the test did.</summary>
public sealed class QuietFieldReportsApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FieldReports:EscalationScanInterval"] = "20.00:00:00" };
}

/// <summary>Issue 13: statistics per category and month with their CSV, and the reopening window.</summary>
public sealed class StatisticsTests(QuietFieldReportsApp app) : IClassFixture<QuietFieldReportsApp>
{
    [Fact]
    public async Task Statistics_count_received_answered_response_hours_overdue_and_ratings_per_category_and_month()
    {
        // 2 March 2027, 09:00 in Tây Ninh: three lighting reports (48 hours to answer) in phường Tân Ninh, one environment report elsewhere.
        app.Clock.Set(new DateTime(2027, 3, 2, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-stats-1");
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var fast = Id(await SubmitAsync(citizen, lighting));
        var late = Id(await SubmitAsync(citizen, lighting));
        await SubmitAsync(citizen, lighting);
        await SubmitAsync(citizen, await CategoryAsync(citizen, "moi-truong"));
        // Answered after 10 hours, and after 50 (two past the deadline); the third stays open past its deadline.
        // Staff sign in again after each jump (a staff token lives 8 hours).
        app.Clock.Advance(TimeSpan.FromHours(10));
        var ward = await app.StaffAsync("tanninh.mai");
        var staffId = await OfficerIdAsync(ward, TanNinhWard);
        await OkAsync(await ActAsync(ward, fast, "assign", new { staffId }));
        await OkAsync(await ActAsync(ward, fast, "resolve", new { answer = "Đã sửa." }));
        app.Clock.Advance(TimeSpan.FromHours(40));
        ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, late, "assign", new { staffId }));
        await OkAsync(await ActAsync(ward, late, "resolve", new { answer = "Đã sửa." }));
        foreach (var (id, stars) in new[] { (fast, 5), (late, 3) })
        {
            var version = (await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}")).GetProperty("version").GetInt32();
            await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/rate", new { stars, version }));
        }

        var administrator = await app.StaffAsync("quantri");
        var all = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/statistics?from=2027-03-01&to=2027-03-31");
        var rows = all.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var row = rows.Single(r => r.GetProperty("categoryId").GetGuid() == lighting);
        Assert.Equal("2027-03", row.GetProperty("month").GetString());
        Assert.Equal("Điện - nước - chiếu sáng", row.GetProperty("categoryName").GetString());
        Assert.Equal(3, row.GetProperty("received").GetInt32());
        Assert.Equal(2, row.GetProperty("answered").GetInt32());
        Assert.Equal(30, row.GetProperty("medianResponseHours").GetDouble());
        Assert.Equal(30, row.GetProperty("averageResponseHours").GetDouble());
        Assert.Equal(2, row.GetProperty("overdue").GetInt32());
        Assert.Equal(4, row.GetProperty("ratingAverage").GetDouble());
        Assert.Equal(2, row.GetProperty("ratingCount").GetInt32());
        var environment = rows.Single(r => r.GetProperty("categoryId").GetGuid() != lighting);
        Assert.Equal(1, environment.GetProperty("received").GetInt32());
        Assert.Equal(0, environment.GetProperty("answered").GetInt32());
        Assert.Equal(JsonValueKind.Null, environment.GetProperty("medianResponseHours").ValueKind);

        // Outside the range: nothing. The ward sees its own agency only, and may not ask for another.
        Assert.Equal(0, (await administrator.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/statistics?from=2027-04-01&to=2027-04-30")).GetProperty("categories").GetArrayLength());
        var own = await ward.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/statistics?from=2027-03-01&to=2027-03-31");
        Assert.Equal(lighting, Assert.Single(own.GetProperty("categories").EnumerateArray()).GetProperty("categoryId").GetGuid());
        await ProblemAsync(await ward.GetAsync(new Uri($"/api/staff/field-reports/statistics?agencyId={AgricultureEnvironmentDepartment}", UriKind.Relative)),
            HttpStatusCode.Forbidden, "field_report.agency_forbidden");

        // The same table as CSV, UTF-8 with a BOM for Excel.
        var csv = await administrator.GetAsync(new Uri("/api/staff/field-reports/statistics?from=2027-03-01&to=2027-03-31&format=csv&table=categories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Tháng,", lines[0], StringComparison.Ordinal);
        Assert.Contains($"2027-03,{lighting},\"Điện - nước - chiếu sáng\",3,2,30,30,2,4,2", lines, StringComparer.Ordinal);
        await ProblemAsync(await administrator.GetAsync(new Uri("/api/staff/field-reports/statistics?format=csv&table=nothing", UriKind.Relative)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_report_may_be_reopened_only_within_seven_days_of_its_answer()
    {
        app.Clock.Set(new DateTime(2027, 6, 1, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-reopen-window");
        var id = Id(await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang")));
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, id, "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await OkAsync(await ActAsync(ward, id, "resolve", new { answer = "Đã sửa." }));

        app.Clock.Advance(TimeSpan.FromDays(8));
        citizen = await app.CitizenAsync("zalo-reopen-window");
        var late = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}");
        Assert.Empty(Actions(late));
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/reopen", new { message = "Vẫn hỏng.", version = late.GetProperty("version").GetInt32() }),
            HttpStatusCode.UnprocessableEntity, "field_report.reopen_closed");
    }
}
