namespace Province.Modules.Appointments.Tests;

/// <summary>Issue 13: bookings carry names and allowed actions, the office's list is paged, staff find their counters.</summary>
public sealed class BookingActionsAndCountersTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public BookingActionsAndCountersTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am);
    }

    private static List<string> Actions(JsonElement item) => [.. item.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!)];

    [Fact]
    public async Task A_booking_names_its_office_and_group_and_lists_what_the_reader_may_do_now()
    {
        var office = await CreateOfficeAsync(_app, cutoffHours: 2);
        var group = Group(office, "HT");
        var tomorrow = await SlotsAsync(_app, office, group, Today.AddDays(1));
        var today = await SlotsAsync(_app, office, group, Today);
        using var citizen = await _app.CitizenAsync("zalo-booking-actions");

        var booked = await OkAsync(await BookAsync(citizen, SlotAt(tomorrow, "09:00")));
        Assert.Equal(office.GetProperty("name").GetString(), booked.GetProperty("officeName").GetString());
        Assert.Equal("Hộ tịch", booked.GetProperty("serviceGroupName").GetString());
        Assert.Equal(["cancel", "reschedule"], Actions(booked));

        // Within the office's two-hour cut-off (09:00 today at 08:00) nothing can change any more, and the answer says so.
        var soon = await OkAsync(await BookAsync(await _app.CitizenAsync("zalo-booking-actions-soon"), SlotAt(today, "09:00")));
        Assert.Empty(Actions(soon));

        var listed = Assert.Single((await OkAsync(await citizen.GetAsync("/api/appointments/bookings"))).GetProperty("items").EnumerateArray());
        Assert.Equal(["cancel", "reschedule"], Actions(listed));
        Assert.Equal("Hộ tịch", listed.GetProperty("serviceGroupName").GetString());

        var cancelled = await OkAsync(await citizen.PostAsJsonAsync($"/api/appointments/bookings/{Id(booked)}/cancel", new { version = booked.GetProperty("version").GetInt32() }));
        Assert.Empty(Actions(cancelled));
        Assert.Empty(Actions(await OkAsync(await citizen.GetAsync($"/api/appointments/bookings/{Id(booked)}"))));
    }

    [Fact]
    public async Task Staff_see_decide_on_a_pending_booking_only_and_page_through_the_day_with_a_total()
    {
        var office = await CreateOfficeAsync(_app, requiresApproval: true);
        var slots = await SlotsAsync(_app, office, Group(office, "HT"), Today.AddDays(1), capacity: 3);
        var bookings = new List<JsonElement>();
        foreach (var (who, name, phone) in new[] { ("an", "Nguyễn Văn An", "0912000001"), ("binh", "Trần Thị Bình", "0912000002"), ("cuong", "Lê Văn Cường", "0912000003") })
        {
            bookings.Add(await OkAsync(await BookAsync(await _app.CitizenAsync($"zalo-office-list-{who}"), SlotAt(slots, "09:00"), name, phone)));
        }

        Assert.All(bookings, b => Assert.Equal(["cancel", "reschedule"], Actions(b)));
        using var officer = await _app.StaffAsync("tanninh.mai");
        var list = $"/api/staff/appointments/offices/{Id(office)}/bookings?day={Today.AddDays(1):yyyy-MM-dd}";

        var firstPage = await OkAsync(await officer.GetAsync($"{list}&page=1&pageSize=2"));
        Assert.Equal(3, firstPage.GetProperty("total").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("items").GetArrayLength());
        var secondPage = await OkAsync(await officer.GetAsync($"{list}&page=2&pageSize=2"));
        Assert.Single(secondPage.GetProperty("items").EnumerateArray());
        Assert.All(firstPage.GetProperty("items").EnumerateArray(), b => Assert.Equal(["decide"], Actions(b)));

        var decided = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(bookings[0])}/decide", new { approve = true, version = 0 }));
        Assert.Empty(Actions(decided));
        Assert.Equal(office.GetProperty("name").GetString(), decided.GetProperty("officeName").GetString());

        // Search without diacritics, and the status filter, each with its total.
        var found = await OkAsync(await officer.GetAsync($"{list}&q=tran%20thi%20binh"));
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(Id(bookings[1]), Id(found.GetProperty("items")[0]));
        Assert.Equal(1, (await OkAsync(await officer.GetAsync($"{list}&q=0912000003"))).GetProperty("total").GetInt32());
        var pending = await OkAsync(await officer.GetAsync($"{list}&status=pending"));
        Assert.Equal(2, pending.GetProperty("total").GetInt32());
        await ProblemAsync(await officer.GetAsync($"{list}&status=sometime"), HttpStatusCode.BadRequest, "validation.failed");
    }

    [Fact]
    public async Task Staff_see_the_counters_they_may_serve_with_office_and_group_names()
    {
        var office = await CreateOfficeAsync(_app);
        using var officer = await _app.StaffAsync("tanninh.mai");

        var mine = await OkAsync(await officer.GetAsync("/api/staff/appointments/me/counters?pageSize=100"));
        var counters = mine.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("officeId").GetGuid() == Id(office)).ToList();
        Assert.Equal([1, 2], counters.Select(c => c.GetProperty("number").GetInt32()));
        Assert.All(counters, c => Assert.Equal(office.GetProperty("name").GetString(), c.GetProperty("officeName").GetString()));
        Assert.Equal(CounterId(office, 1), Id(counters[0]));
        Assert.Equal(["Chứng thực", "Hộ tịch"], counters[0].GetProperty("serviceGroups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(["Hộ tịch"], counters[1].GetProperty("serviceGroups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.True(mine.GetProperty("total").GetInt32() >= 2);

        // An officer of another agency does not see this office's counters (the same rule as calling at them).
        using var outsider = await _app.StaffAsync("tuphap.lan");
        var theirs = await OkAsync(await outsider.GetAsync("/api/staff/appointments/me/counters?pageSize=100"));
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), c => c.GetProperty("officeId").GetGuid() == Id(office));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/api/staff/appointments/me/counters")).StatusCode);
    }
}
