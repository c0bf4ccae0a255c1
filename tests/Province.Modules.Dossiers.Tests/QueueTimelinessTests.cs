namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 17: the queue an officer opens first (the agency's open work, overdue first) is answered by
/// Marten compiled queries; every other filter goes through LINQ. Both must answer alike: the open work and each timeliness
/// are asked twice, once plainly and once with a "submitted since 2000" filter that changes nothing but sends the request
/// through LINQ, with dossiers of every kind in the queue.
/// </summary>
public sealed class QueueTimelinessTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task The_compiled_queue_answers_the_open_work_and_each_timeliness_as_the_LINQ_queue_does()
    {
        // Birth registration takes one working day after the day of receipt (or of acceptance).
        var citizen = await app.CitizenAsync("zalo-queue-timeliness");
        app.Clock.Set(new DateTime(2026, 3, 2, 9, 0, 0));
        var (overdue, _) = await SubmitBirthRegistrationAsync(citizen, salt: 301); // due Tuesday 3/3

        app.Clock.Set(new DateTime(2026, 3, 9, 9, 0, 0));
        var (dueSoon, _) = await SubmitBirthRegistrationAsync(citizen, salt: 302); // due Tuesday 3/10
        var (paused, _) = await SubmitBirthRegistrationAsync(citizen, salt: 303);
        var officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, paused, "accept"));
        await OkAsync(await ActAsync(officer, paused, "request-supplement", new { note = "Thiếu bản sao giấy chứng nhận kết hôn" }));

        // Tuesday 3/10: due soon runs to Wednesday 3/11; a dossier extended by five working days is on time.
        app.Clock.Set(new DateTime(2026, 3, 10, 8, 0, 0));
        var (onTime, _) = await SubmitBirthRegistrationAsync(citizen, salt: 304);
        officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, onTime, "accept"));
        await OkAsync(await ActAsync(officer, onTime, "extend-deadline", new { workingDays = 5, note = "Cần xác minh với nơi cấp giấy chứng sinh" }));

        var expected = new Dictionary<string, Guid> { ["overdue"] = overdue, ["dueSoon"] = dueSoon, ["onTime"] = onTime, ["paused"] = paused };
        foreach (var timeliness in new[] { "", "overdue", "dueSoon", "onTime", "paused" })
        {
            var filter = timeliness.Length == 0 ? "" : $"timeliness={timeliness}&";
            var compiled = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?{filter}pageSize=100");
            var linq = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?{filter}pageSize=100&from=2000-01-01");
            var ids = Ids(compiled);
            Assert.Equal(Ids(linq), ids);
            Assert.Equal(linq.GetProperty("total").GetInt32(), compiled.GetProperty("total").GetInt32());
            Assert.Equal(ids.Count, compiled.GetProperty("total").GetInt32());
            if (timeliness.Length == 0)
            {
                Assert.Subset(ids.ToHashSet(), expected.Values.ToHashSet());
            }
            else
            {
                Assert.Contains(expected[timeliness], ids);
                Assert.All(compiled.GetProperty("items").EnumerateArray(), item => Assert.Equal(timeliness, item.GetProperty("timeliness").GetString()));
            }
        }

        // Paging: the second line of the open work, one a page, is the second of the whole list.
        var all = Ids(await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?pageSize=100"));
        var second = await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/queue?page=2&pageSize=1");
        Assert.Equal([all[1]], Ids(second));
        Assert.Equal(all.Count, second.GetProperty("total").GetInt32());
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
