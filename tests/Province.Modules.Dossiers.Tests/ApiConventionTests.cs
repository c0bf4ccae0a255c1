using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 13 for Dossiers: actions answer the whole dossier with the actions allowed after them; the staff queue searches
/// (name without diacritics, phone), filters, sorts and counts, within the staff member's own agency; uploads take several files.
/// </summary>
public sealed class ApiConventionTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task An_action_answers_the_whole_dossier_with_the_actions_allowed_after_it()
    {
        var citizen = await app.CitizenAsync("zalo-conventions-1");
        var (id, code) = await SubmitBirthRegistrationAsync(citizen, salt: 1301);
        var officer = await app.StaffAsync("tanninh.mai");

        var before = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal("new", before.GetProperty("status").GetString());
        Assert.Equal(["accept", "refuse", "apologize"], Actions(before));
        Assert.Equal(["withdraw"], Actions(await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")));

        var accepted = await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));

        // The same shape as the GET, with the state after the action: no second read needed.
        var reread = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal(reread.EnumerateObject().Select(p => p.Name), accepted.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, accepted.GetProperty("code").GetString());
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("Đã được tiếp nhận", accepted.GetProperty("statusText").GetString());
        Assert.Equal("Nguyễn Văn An", accepted.GetProperty("applicant").GetProperty("fullName").GetString());
        Assert.Equal("Đăng ký khai sinh", accepted.GetProperty("procedureName").GetString());
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", accepted.GetProperty("agencyName").GetString());
        Assert.EndsWith("+07:00", accepted.GetProperty("dueAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("Hồ sơ đầy đủ", accepted.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        Assert.NotEmpty(accepted.GetProperty("files").EnumerateArray());
        Assert.Equal(1, accepted.GetProperty("version").GetInt32());
        Assert.Equal(["assign", "request-supplement", "request-fee", "extend-deadline", "stop"], Actions(accepted).Where(a => a != "apologize"));
        Assert.DoesNotContain("accept", Actions(accepted));

        // Assigned: the staff member's id and name beside it.
        var staffId = (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{TanNinhWard}/staff"))
            .GetProperty("items").EnumerateArray().First(o => o.GetProperty("fullName").GetString() == "Huỳnh Anh Tuấn").GetProperty("id").GetGuid();
        var assigned = await OkAsync(await ActAsync(officer, id, "assign", new { staffId }));
        Assert.Equal(staffId, assigned.GetProperty("assignedStaffId").GetGuid());
        Assert.Equal("Huỳnh Anh Tuấn", assigned.GetProperty("assignedStaffName").GetString());

        // The citizen's action answers the citizen's view: nothing more to do once withdrawn.
        var withdrawn = await OkAsync(await citizen.PostAsJsonAsync($"/api/dossiers/{id}/withdraw", new { message = "Nộp nhầm", version = assigned.GetProperty("version").GetInt32() }));
        Assert.Equal("withdrawalRequested", withdrawn.GetProperty("status").GetString());
        Assert.Equal("Nộp nhầm", withdrawn.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        Assert.Empty(Actions(withdrawn));
        var mine = await citizen.GetFromJsonAsync<JsonElement>("/api/dossiers");
        Assert.Empty(Actions(mine.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id)));
    }

    [Fact]
    public async Task The_queue_finds_by_name_without_diacritics_and_by_phone_filters_sorts_counts_and_stays_in_the_own_agency()
    {
        var officer = await app.StaffAsync("tanninh.mai");
        var bich = await SubmitAsAsync("zalo-queue-bich", "Trần Thị Bích", "0987 111 222", 1401);
        var cuong = await SubmitAsAsync("zalo-queue-cuong", "Lê Văn Cường", "0987333444", 1402);
        var dung = await SubmitAsAsync("zalo-queue-dung", "Phạm Thị Dung", "0987555666", 1403);
        await OkAsync(await ActAsync(officer, cuong, "accept"));

        // q: a name typed without diacritics, a phone typed with spaces, a CCCD.
        var byName = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?q=tran%20thi%20bich");
        Assert.Equal([bich], Ids(byName));
        Assert.Equal(1, byName.GetProperty("total").GetInt32());
        var row = byName.GetProperty("items")[0];
        Assert.Equal("Trần Thị Bích", row.GetProperty("applicantName").GetString());
        Assert.Equal("Đăng ký khai sinh", row.GetProperty("procedureName").GetString());
        Assert.Equal("Mới đăng ký", row.GetProperty("statusText").GetString());
        Assert.Equal(["accept", "refuse", "apologize"], Actions(row));
        Assert.EndsWith("+07:00", row.GetProperty("dueAt").GetString(), StringComparison.Ordinal);
        Assert.Equal([cuong], Ids(await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?q=0987%20333%20444")));
        Assert.Equal([cuong], Ids(await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?q=Cuong")));

        // Filters, sort and totals.
        var accepted = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?status=accepted&procedureCode=1.001193");
        Assert.Contains(cuong, Ids(accepted));
        Assert.DoesNotContain(bich, Ids(accepted));
        var newest = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?status=new&sort=-submittedAt&pageSize=2");
        Assert.Equal([dung, bich], Ids(newest));
        Assert.Equal(2, newest.GetProperty("pageSize").GetInt32());
        var allNew = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?status=new&sort=submittedAt");
        Assert.Equal(allNew.GetProperty("items").GetArrayLength(), allNew.GetProperty("total").GetInt32());
        Assert.Equal([bich, dung], Ids(allNew).Where(i => i == bich || i == dung));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(bich, Ids(await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?from={today}&to={today}")));
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?from=2020-01-01&to=2020-01-31")).GetProperty("total").GetInt32());
        Assert.DoesNotContain(bich, Ids(await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?timeliness=overdue")));
        await ProblemAsync(await officer.GetAsync("/api/staff/dossiers/queue?sort=applicant"), HttpStatusCode.BadRequest);
        await ProblemAsync(await officer.GetAsync("/api/staff/dossiers/queue?status=4"), HttpStatusCode.BadRequest);

        // Another agency: refused when named, absent from its own queue; an administrator names any agency.
        var justice = await app.StaffAsync("tuphap.lan");
        await ProblemAsync(await justice.GetAsync($"/api/staff/dossiers/queue?agencyId={TanNinhWard}&q=bich"), HttpStatusCode.Forbidden, "dossier.agency_forbidden");
        Assert.Equal(0, (await justice.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?q=tran%20thi%20bich")).GetProperty("total").GetInt32());
        var administrator = await app.StaffAsync("quantri");
        Assert.Equal([bich], Ids(await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?agencyId={TanNinhWard}&q=tran%20thi%20bich")));
    }

    [Fact]
    public async Task Several_files_go_up_in_one_request_and_come_back_in_the_one_upload_shape()
    {
        var citizen = await app.CitizenAsync("zalo-conventions-upload");
        using var form = new MultipartFormDataContent();
        foreach (var (salt, name) in new[] { (1501, "cccd-mat-truoc.png"), (1502, "cccd-mat-sau.png") })
        {
            var part = new ByteArrayContent(Png(salt));
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "files", name);
        }

        var response = await citizen.PostAsync("/api/dossiers/uploads", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["cccd-mat-truoc.png", "cccd-mat-sau.png"], items.Select(i => i.GetProperty("fileName").GetString()));
        Assert.All(items, i => Assert.Equal("image/png", i.GetProperty("contentType").GetString()));
        Assert.All(items, i => Assert.Contains("signature=", i.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.NotEqual(items[0].GetProperty("id").GetGuid(), items[1].GetProperty("id").GetGuid());
        using var anonymous = app.CreateClient();
        var preview = await anonymous.GetAsync(new Uri(items[1].GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/png", preview.Content.Headers.ContentType?.MediaType);

        using var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await ProblemAsync(await citizen.PostAsync("/api/dossiers/uploads", empty), HttpStatusCode.BadRequest);
    }

    private async Task<Guid> SubmitAsAsync(string zaloId, string name, string phone, int salt)
    {
        var citizen = await app.CitizenAsync(zaloId, name);
        var body = JsonSerializer.SerializeToNode(await BirthRegistrationAsync(citizen, name, salt), JsonSerializerOptions.Web)!;
        body["applicant"]!["phoneNumber"] = phone.Replace(" ", "", StringComparison.Ordinal);
        var response = await SubmitAsync(citizen, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierId").GetGuid();
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    internal static List<string> Actions(JsonElement item) => [.. item.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!)];
}
