namespace Province.Modules.Appointments.Tests;

/// <summary>Administrators open counters and change what they serve; the queue follows.</summary>
public sealed class CounterAdministrationTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public CounterAdministrationTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am.AddHours(1));
    }

    [Fact]
    public async Task A_new_counter_serves_its_groups_and_an_edit_changes_them()
    {
        var office = await CreateOfficeAsync(_app);
        var administrator = await _app.StaffAsync("quantri");
        var added = await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/counters",
            new { number = 3, name = "Quầy 3 chứng thực", serviceGroupIds = new[] { Group(office, "CT") } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var withCounter = await OkAsync(added);
        var counter = withCounter.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 3);
        Assert.Equal([Group(office, "CT")], counter.GetProperty("serviceGroupIds").EnumerateArray().Select(g => g.GetGuid()));

        // The new counter calls a CT number and leaves HT to the others.
        await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-counter-ht"), Id(office), Group(office, "HT")));
        await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-counter-ct"), Id(office), Group(office, "CT")));
        var officer = await _app.StaffAsync("tanninh.mai");
        var called = await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{Id(counter)}/call-next", null));
        Assert.StartsWith("CT-", called.GetProperty("number").GetString(), StringComparison.Ordinal);

        var edited = await OkAsync(await administrator.PutAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{Id(counter)}",
            new { name = "Quầy 3", serviceGroupIds = new[] { Group(office, "HT"), Group(office, "CT") } }));
        var after = edited.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 3);
        Assert.Equal("Quầy 3", after.GetProperty("name").GetString());
        Assert.Equal(2, after.GetProperty("serviceGroupIds").GetArrayLength());
        var called2 = await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{Id(counter)}/call-next", null));
        Assert.StartsWith("HT-", called2.GetProperty("number").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taken_numbers_foreign_groups_missing_groups_and_officers_are_refused()
    {
        var office = await CreateOfficeAsync(_app);
        var other = await CreateOfficeAsync(_app);
        var administrator = await _app.StaffAsync("quantri");
        var path = $"/api/staff/appointments/offices/{Id(office)}/counters";
        await ProblemAsync(await administrator.PostAsJsonAsync(path, new { number = 1, name = "Quầy 1 bis", serviceGroupIds = new[] { Group(office, "HT") } }),
            HttpStatusCode.Conflict, "appointments.counter_number_taken");
        await ProblemAsync(await administrator.PostAsJsonAsync(path, new { number = 5, name = "Quầy 5", serviceGroupIds = new[] { Group(other, "HT") } }),
            HttpStatusCode.UnprocessableEntity, "appointments.group_not_in_office");
        Assert.Equal(HttpStatusCode.BadRequest, (await administrator.PostAsJsonAsync(path, new { number = 5, name = "Quầy 5", serviceGroupIds = Array.Empty<Guid>() })).StatusCode);
        await ProblemAsync(await administrator.PutAsJsonAsync($"{path}/{Guid.NewGuid()}", new { name = "Quầy", serviceGroupIds = new[] { Group(office, "HT") } }),
            HttpStatusCode.NotFound, "appointments.counter_not_found");

        var officer = await _app.StaffAsync("tanninh.mai");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(path, new { number = 6, name = "Quầy 6", serviceGroupIds = new[] { Group(office, "HT") } })).StatusCode);
        var unchanged = (await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray().Single(o => Id(o) == Id(office));
        Assert.Equal(2, unchanged.GetProperty("counters").GetArrayLength());
    }
}
