using System.Net.Http.Headers;
using Province.BuildingBlocks.Files;

namespace Province.Modules.FieldReports.Tests;

/// <summary>Issue 13: allowed actions, the whole item after an action, reopening, the staff queue, signed photo links, paged lists.</summary>
public sealed class ApiConventionTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    private const string Lighting = "Điện - nước - chiếu sáng";

    [Fact]
    public async Task Every_view_lists_the_actions_its_reader_may_take_and_an_action_answers_the_whole_item()
    {
        var citizen = await app.CitizenAsync("zalo-actions-1");
        var submitted = await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang"));
        Assert.Empty(Actions(submitted));
        Assert.Equal(Lighting, submitted.GetProperty("report").GetProperty("categoryName").GetString());
        Assert.Equal("Phường Tân Ninh", submitted.GetProperty("report").GetProperty("wardName").GetString());
        var id = Id(submitted);

        var ward = await app.StaffAsync("tanninh.mai");
        var before = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal(["assign", "reject", "forward", "redact", "hide", "recategorize"], Actions(before));
        Assert.False(string.IsNullOrEmpty(before.GetProperty("report").GetProperty("agencyName").GetString()));
        var staffId = await OfficerIdAsync(ward, TanNinhWard);

        var assigned = await OkAsync(await ActAsync(ward, id, "assign", new { staffId, note = "Anh Cường xử lý." }));
        Assert.Equal("assigned", assigned.GetProperty("report").GetProperty("status").GetString());
        Assert.Equal("Đã giao xử lý", assigned.GetProperty("report").GetProperty("statusText").GetString());
        Assert.Equal(staffId, assigned.GetProperty("assignedStaffId").GetGuid());
        Assert.False(string.IsNullOrEmpty(assigned.GetProperty("assignedStaffName").GetString()));
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, assigned.GetProperty("version").GetInt32());
        Assert.Equal("Anh Cường xử lý.", assigned.GetProperty("history")[1].GetProperty("note").GetString());
        Assert.Equal(["assign", "start", "request-information", "resolve", "reject", "forward", "redact", "hide", "recategorize"], Actions(assigned));
        // The same shape as the GET, so a client never reads again after acting.
        var after = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal(Names(after), Names(assigned));
        Assert.Equal(Names(after.GetProperty("report")), Names(assigned.GetProperty("report")));
        Assert.EndsWith("+07:00", assigned.GetProperty("dueAt").GetString(), StringComparison.Ordinal);

        await OkAsync(await ActAsync(ward, id, "request-information", new { note = "Cột đèn số mấy?" }));
        var waiting = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}");
        Assert.Equal(["provide-information"], Actions(waiting));
        var provided = await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/provide-information", new { message = "Cột số 12.", version = waiting.GetProperty("version").GetInt32() }));
        Assert.Equal("inProgress", provided.GetProperty("report").GetProperty("status").GetString());
        Assert.Equal("Cột số 12.", provided.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        Assert.Empty(Actions(provided));
        Assert.Equal(Names(waiting), Names(provided));
    }

    [Fact]
    public async Task An_unhappy_reporter_reopens_the_answered_report_once_with_a_message_and_it_goes_back_to_the_agency()
    {
        var citizen = await app.CitizenAsync("zalo-reopen-1");
        var id = Id(await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang")));
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, id, "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await OkAsync(await ActAsync(ward, id, "resolve", new { answer = "Đã thay bóng đèn." }));

        var answered = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}");
        Assert.Equal(["rate", "reopen"], Actions(answered));
        var version = answered.GetProperty("version").GetInt32();
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/reopen", new { message = "", version }), HttpStatusCode.BadRequest, "validation.failed");

        var reopened = await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/reopen", new { message = "Đèn vẫn chưa sáng buổi tối.", version }));
        Assert.Equal("inProgress", reopened.GetProperty("report").GetProperty("status").GetString());
        Assert.Equal(1, reopened.GetProperty("reopens").GetInt32());
        Assert.Equal("Đèn vẫn chưa sáng buổi tối.", reopened.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        // A fresh deadline (48 hours for lighting) from the reopening.
        Assert.True(reopened.GetProperty("dueAt").GetDateTimeOffset() > reopened.GetProperty("history").EnumerateArray().Last().GetProperty("at").GetDateTimeOffset().AddHours(47));
        Assert.Empty(Actions(reopened));
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """SELECT count(*) FROM field_reports.mt_events WHERE mt_dotnet_type LIKE '%FieldReportReopened%' AND data ->> 'reportId' = @id""", ("id", id.ToString())));

        // Back in the agency's queue, where it can be answered again.
        var queue = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/queue?q={Code(reopened)}");
        var row = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal("inProgress", row.GetProperty("status").GetString());
        Assert.Contains("resolve", Actions(row));
        await OkAsync(await ActAsync(ward, id, "resolve", new { answer = "Đã thay cả bộ đèn." }));

        // Once: the second answer may be rated, not reopened.
        var again = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}");
        Assert.Equal(["rate"], Actions(again));
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/reopen", new { message = "Vẫn chưa.", version = again.GetProperty("version").GetInt32() }),
            HttpStatusCode.UnprocessableEntity, "field_report.reopen_closed");
        var rated = await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/rate", new { stars = 4, message = "Cảm ơn.", version = again.GetProperty("version").GetInt32() }));
        Assert.Equal(4, rated.GetProperty("rating").GetInt32());
        Assert.Empty(Actions(rated));
    }

    [Fact]
    public async Task The_staff_queue_searches_filters_sorts_and_counts_only_the_staff_members_agency()
    {
        var citizen = await app.CitizenAsync("zalo-queue-1");
        await OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Trần Văn Bình", phoneNumber = "0911222333", version = 0 }));
        var photo = await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var traffic = await CategoryAsync(citizen, "an-toan-giao-thong");
        var light = await SubmitAsync(citizen, lighting, "Phuong 1", [photo]);
        var pothole = await SubmitAsync(citizen, traffic, "Phuong 1", title: "Ổ gà trước chợ Long Hoa");
        var environment = await SubmitAsync(citizen, await CategoryAsync(citizen, "moi-truong"), title: "Rác thải ven kênh");
        Assert.Equal(AgricultureEnvironmentDepartment, environment.GetProperty("report").GetProperty("agencyId").GetGuid());
        var ward = await app.StaffAsync("tanninh.mai");

        async Task<(int Total, List<JsonElement> Items)> QueueAsync(string query)
        {
            var page = await OkAsync(await ward.GetAsync(new Uri($"/api/staff/field-reports/queue?{query}", UriKind.Relative)));
            Assert.Equal(1, page.GetProperty("page").GetInt32());
            return (page.GetProperty("total").GetInt32(), [.. page.GetProperty("items").EnumerateArray()]);
        }

        // The reporter's phone finds both of the ward's reports, never the department's.
        var byPhone = await QueueAsync("q=0911222333");
        Assert.Equal(2, byPhone.Total);
        Assert.Equal(new[] { Code(light), Code(pothole) }.Order(StringComparer.Ordinal), byPhone.Items.Select(i => i.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        // Without diacritics, and by code.
        Assert.Equal(Code(pothole), Assert.Single((await QueueAsync("q=o%20ga%20cho%20long%20hoa")).Items).GetProperty("code").GetString());
        Assert.Equal(Code(light), Assert.Single((await QueueAsync($"q={Code(light).ToLowerInvariant()}")).Items).GetProperty("code").GetString());
        // Filters: category, status, area, dates, deadline.
        Assert.Equal(Code(pothole), Assert.Single((await QueueAsync($"q=0911222333&categoryId={traffic}")).Items).GetProperty("code").GetString());
        Assert.Equal(2, (await QueueAsync("q=0911222333&status=received&ward=phuong%20tan%20ninh")).Total);
        Assert.Equal(0, (await QueueAsync("q=0911222333&status=resolved")).Total);
        Assert.Equal(0, (await QueueAsync("q=0911222333&ward=Phường%20Bình%20Minh")).Total);
        var day = DateOnly.FromDateTime(light.GetProperty("report").GetProperty("createdAt").GetDateTimeOffset().DateTime);
        Assert.Equal(2, (await QueueAsync($"q=0911222333&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).Total);
        Assert.Equal(0, (await QueueAsync($"q=0911222333&from={day.AddDays(1):yyyy-MM-dd}")).Total);
        Assert.Equal(0, (await QueueAsync($"q=0911222333&to={day.AddDays(-1):yyyy-MM-dd}")).Total);
        Assert.Equal(0, (await QueueAsync("q=0911222333&due=overdue")).Total);
        Assert.Equal(2, (await QueueAsync("q=0911222333&due=onTime")).Total);
        // Sorted both ways, paged with the total.
        var ascending = (await QueueAsync("q=0911222333&sort=code")).Items.Select(i => i.GetProperty("code").GetString()).ToList();
        var descending = (await QueueAsync("q=0911222333&sort=-code")).Items.Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(Enumerable.Reverse(ascending), descending);
        var first = await QueueAsync("q=0911222333&pageSize=1");
        Assert.Equal(2, first.Total);
        Assert.Single(first.Items);
        await ProblemAsync(await ward.GetAsync(new Uri("/api/staff/field-reports/queue?sort=title", UriKind.Relative)), HttpStatusCode.BadRequest);
        await ProblemAsync(await ward.GetAsync(new Uri("/api/staff/field-reports/queue?status=done", UriKind.Relative)), HttpStatusCode.BadRequest);

        // A row: names, deadline, position for the map, the first photo by a signed link, the actions.
        var row = Assert.Single((await QueueAsync($"q={Code(light)}")).Items);
        Assert.Equal(Lighting, row.GetProperty("categoryName").GetString());
        Assert.Equal("Phường Tân Ninh", row.GetProperty("wardName").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("agencyName").GetString()));
        Assert.Equal(11.3101, row.GetProperty("latitude").GetDouble());
        Assert.EndsWith("+07:00", row.GetProperty("dueAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(["assign", "reject", "forward", "redact", "hide", "recategorize"], Actions(row));
        using var browser = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(row.GetProperty("photoUrl").GetString()!, UriKind.Relative))).StatusCode);

        // Another agency's report is never in the queue; naming another agency is refused; an administrator may.
        await ProblemAsync(await ward.GetAsync(new Uri($"/api/staff/field-reports/queue?agencyId={AgricultureEnvironmentDepartment}", UriKind.Relative)),
            HttpStatusCode.Forbidden, "field_report.agency_forbidden");
        Assert.Equal(0, (await QueueAsync("q=rac%20thai%20ven%20kenh%200911222333")).Total);
        var administrator = await app.StaffAsync("quantri");
        var department = await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/queue?agencyId={AgricultureEnvironmentDepartment}&q=0911222333");
        Assert.Equal(Code(environment), Assert.Single(department.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Several_photos_go_up_in_one_request_and_open_by_a_signed_link_without_headers_and_an_edited_link_is_refused()
    {
        var citizen = await app.CitizenAsync("zalo-photos-1");
        using var form = new MultipartFormDataContent();
        foreach (var name in new[] { "truoc.jpg", "gan.jpg" })
        {
            var part = new ByteArrayContent(TestJpeg.WithGpsExif());
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "files", name);
        }

        var response = await citizen.PostAsync(new Uri("/api/field-reports/uploads", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = (await OkAsync(response)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["truoc.jpg", "gan.jpg"], items.Select(i => i.GetProperty("fileName").GetString()));
        Assert.All(items, i => Assert.Equal("image/jpeg", i.GetProperty("contentType").GetString()));
        var url = items[0].GetProperty("url").GetString()!;
        Assert.Contains("expires=", url, StringComparison.Ordinal);
        Assert.Contains("signature=", url, StringComparison.Ordinal);

        // An <img> sends no Authorization header: the link alone opens the photo, without its GPS.
        using var browser = app.CreateClient();
        var opened = await browser.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/jpeg", opened.Content.Headers.ContentType?.MediaType);
        Assert.False(JpegMetadata.HasExif(await opened.Content.ReadAsByteArrayAsync()));
        // The signature covers the path: another photo's id, a changed signature, no signature are refused.
        var firstId = items[0].GetProperty("id").GetGuid().ToString();
        var secondId = items[1].GetProperty("id").GetGuid().ToString();
        await ProblemAsync(await browser.GetAsync(new Uri(url.Replace(firstId, secondId, StringComparison.Ordinal), UriKind.Relative)), HttpStatusCode.Forbidden, "link.invalid");
        await ProblemAsync(await browser.GetAsync(new Uri(url[..^2] + (url.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"), UriKind.Relative)), HttpStatusCode.Forbidden, "link.invalid");
        await ProblemAsync(await browser.GetAsync(new Uri($"/api/field-reports/photos/{firstId}", UriKind.Relative)), HttpStatusCode.Forbidden, "link.invalid");
        // Not public while the report is pending.
        await ProblemAsync(await browser.GetAsync(new Uri($"/api/public/field-reports/photos/{firstId}", UriKind.Relative)), HttpStatusCode.NotFound);

        var report = await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang"), photoIds: [Guid.Parse(firstId), Guid.Parse(secondId)]);
        Assert.Equal(2, report.GetProperty("report").GetProperty("photos").GetArrayLength());
        var page = await browser.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/{Code(report)}");
        Assert.Equal(0, page.GetProperty("photos").GetArrayLength());

        using var tooMany = new MultipartFormDataContent();
        for (var i = 0; i < 5; i++)
        {
            tooMany.Add(new ByteArrayContent(TestJpeg.WithoutMetadata()), "files", $"{i}.jpg");
        }

        await ProblemAsync(await citizen.PostAsync(new Uri("/api/field-reports/uploads", UriKind.Relative), tooMany), HttpStatusCode.BadRequest, "field_report.too_many_photos");
    }

    [Fact]
    public async Task Every_list_is_paged_with_its_total()
    {
        var citizen = await app.CitizenAsync("zalo-lists-1");
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        await SubmitAsync(citizen, lighting);
        var administrator = await app.StaffAsync("quantri");
        foreach (var (client, path) in new[]
        {
            (citizen, "/api/field-reports"), (citizen, "/api/field-reports/questions"), (citizen, "/api/public/field-reports/categories?pageSize=2"),
            (citizen, $"/api/public/field-reports/nearby?categoryId={lighting}&latitude=11.3101&longitude=106.0983"),
            (administrator, "/api/staff/field-reports/routing-rules?pageSize=2"), (administrator, "/api/staff/field-reports/questions"),
        })
        {
            var page = await OkAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));
            Assert.True(page.TryGetProperty("total", out var total), path);
            Assert.True(page.GetProperty("items").GetArrayLength() <= page.GetProperty("pageSize").GetInt32(), path);
            Assert.True(total.GetInt32() >= page.GetProperty("items").GetArrayLength(), path);
            Assert.Equal(1, page.GetProperty("page").GetInt32());
        }

        Assert.True((await citizen.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories?pageSize=2")).GetProperty("total").GetInt32() > 2);
        Assert.Equal(1, (await citizen.GetFromJsonAsync<JsonElement>("/api/field-reports")).GetProperty("total").GetInt32());
    }

    private static List<string> Names(JsonElement item) => [.. item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
