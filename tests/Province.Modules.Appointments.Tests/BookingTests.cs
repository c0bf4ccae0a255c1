namespace Province.Modules.Appointments.Tests;

/// <summary>The booking rules, each refusal with a clear Vietnamese message, and capacity under a rush.</summary>
public sealed class BookingTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public BookingTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am);
    }

    [Fact]
    public async Task A_citizen_books_sees_cancels_and_reschedules_within_the_rules()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var tomorrow = await SlotsAsync(_app, office, group, Today.AddDays(1), capacity: 2);
        var citizen = await _app.CitizenAsync("zalo-book-1");

        var booked = await BookAsync(citizen, SlotAt(tomorrow, "09:00"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", booking.GetProperty("status").GetString());
        Assert.StartsWith("LH", booking.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-12-03T09:00:00+07:00", booking.GetProperty("startsAt").GetString());

        // A second booking of the same group and day is refused; moving the first one is the way.
        await ProblemAsync(await BookAsync(citizen, SlotAt(tomorrow, "10:00")), HttpStatusCode.Conflict, "appointments.one_booking_per_day");
        var moved = await OkAsync(await citizen.PostAsJsonAsync($"/api/appointments/bookings/{Id(booking)}/reschedule",
            new { slotId = SlotAt(tomorrow, "10:00"), version = booking.GetProperty("version").GetInt32() }));
        Assert.Equal("10:00:00", moved.GetProperty("start").GetString());
        var places = await SlotsAsync(_app, office, group, Today.AddDays(1));
        Assert.Equal(2, places.Single(s => s.GetProperty("start").GetString() == "09:00:00").GetProperty("placesLeft").GetInt32());
        Assert.Equal(1, places.Single(s => s.GetProperty("start").GetString() == "10:00:00").GetProperty("placesLeft").GetInt32());

        var cancelled = await OkAsync(await citizen.PostAsJsonAsync($"/api/appointments/bookings/{Id(booking)}/cancel", new { version = moved.GetProperty("version").GetInt32() }));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        places = await SlotsAsync(_app, office, group, Today.AddDays(1));
        Assert.Equal(2, places.Single(s => s.GetProperty("start").GetString() == "10:00:00").GetProperty("placesLeft").GetInt32());

        // After cancelling, the day is free again.
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(citizen, SlotAt(tomorrow, "11:00"))).StatusCode);
    }

    [Fact]
    public async Task Each_rule_refuses_with_its_own_code_and_message()
    {
        var office = await CreateOfficeAsync(_app, horizonDays: 7, cutoffHours: 2);
        var group = Group(office, "HT");
        var citizen = await _app.CitizenAsync("zalo-book-2");

        // In the past: today's 07:00 slot when it is 08:00 (taken before listing filters it: the id is known to a stale client).
        await SlotsAsync(_app, office, group, Today);
        var pastSlot = await _app.Database.ScalarAsync<Guid>(
            """SELECT id FROM appointments.mt_doc_slot WHERE office_id = @office AND day = @day AND start = '07:00'""", ("office", Id(office)), ("day", Today));
        await ProblemAsync(await BookAsync(citizen, pastSlot), HttpStatusCode.UnprocessableEntity, "appointments.slot_in_past");

        // Beyond the horizon.
        var far = await SlotsAsync(_app, office, group, Today.AddDays(10));
        await ProblemAsync(await BookAsync(citizen, SlotAt(far, "09:00")), HttpStatusCode.UnprocessableEntity, "appointments.beyond_horizon");

        // A blocked day.
        var friday = await SlotsAsync(_app, office, group, Today.AddDays(2));
        var administrator = await _app.StaffAsync("quantri");
        Assert.Equal(HttpStatusCode.NoContent, (await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/blocked-days",
            new { day = Today.AddDays(2), reason = "Tập huấn nghiệp vụ" })).StatusCode);
        var blocked = await ProblemAsync(await BookAsync(citizen, SlotAt(friday, "09:00")), HttpStatusCode.UnprocessableEntity, "appointments.day_blocked");
        Assert.Contains("Tập huấn nghiệp vụ", blocked.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A full slot.
        var full = await SlotsAsync(_app, office, group, Today.AddDays(3), capacity: 1);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(await _app.CitizenAsync("zalo-book-3"), SlotAt(full, "09:00"))).StatusCode);
        await ProblemAsync(await BookAsync(citizen, SlotAt(full, "09:00")), HttpStatusCode.Conflict, "appointments.slot_full");

        // Too late to cancel: 09:00 today is within the two-hour cut-off at 08:00.
        var today = await SlotsAsync(_app, office, Group(office, "CT"), Today);
        var soon = await OkAsync(await BookAsync(citizen, SlotAt(today, "09:00")));
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/appointments/bookings/{Id(soon)}/cancel", new { version = 0 }),
            HttpStatusCode.UnprocessableEntity, "appointments.change_too_late");

        // No name or phone (nothing in the profile either).
        var nameless = await _app.CitizenAsync("zalo-book-4");
        var missing = await nameless.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/appointments/bookings")
        {
            Content = JsonContent.Create(new { slotId = SlotAt(full, "10:00") }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Five_hundred_citizens_rushing_one_hundred_places_get_exactly_one_hundred()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var slot = SlotAt(await SlotsAsync(_app, office, group, Today.AddDays(1), capacity: 100), "09:00");
        var citizens = new HttpClient[500];
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => citizens[i] = await _app.CitizenAsync($"zalo-rush-{i}"));

        var answers = await Task.WhenAll(citizens.Select(c => BookAsync(c, slot)));

        Assert.Equal(100, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(400, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500);
        Assert.Equal(100, await _app.Database.ScalarAsync<int>("""SELECT booked FROM appointments.slot_usage WHERE slot_id = @slot""", ("slot", slot)));
        Assert.Equal(100, await _app.Database.ScalarAsync<int>("""SELECT count(*) FROM appointments.mt_doc_booking WHERE (data ->> 'slotId')::uuid = @slot AND (data ->> 'active')::boolean""", ("slot", slot)));
    }

    [Fact]
    public async Task A_citizen_cannot_see_or_cancel_another_citizens_booking()
    {
        var office = await CreateOfficeAsync(_app);
        var slots = await SlotsAsync(_app, office, Group(office, "HT"), Today.AddDays(1));
        var owner = await _app.CitizenAsync("zalo-book-owner");
        var booking = await OkAsync(await BookAsync(owner, SlotAt(slots, "09:00")));
        var stranger = await _app.CitizenAsync("zalo-book-stranger");

        await ProblemAsync(await stranger.GetAsync($"/api/appointments/bookings/{Id(booking)}"), HttpStatusCode.NotFound, "appointments.booking_not_found");
        await ProblemAsync(await stranger.PostAsJsonAsync($"/api/appointments/bookings/{Id(booking)}/cancel", new { version = 0 }), HttpStatusCode.NotFound, "appointments.booking_not_found");
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/appointments/bookings")).GetProperty("total").GetInt32());
        Assert.Equal("approved", (await owner.GetFromJsonAsync<JsonElement>($"/api/appointments/bookings/{Id(booking)}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_office_that_approves_bookings_keeps_them_pending_until_its_officer_decides()
    {
        var office = await CreateOfficeAsync(_app, requiresApproval: true);
        var slots = await SlotsAsync(_app, office, Group(office, "HT"), Today.AddDays(1), capacity: 1);
        var an = await _app.CitizenAsync("zalo-approve-1");
        var binh = await _app.CitizenAsync("zalo-approve-2");
        var first = await OkAsync(await BookAsync(an, SlotAt(slots, "09:00")));
        var second = await OkAsync(await BookAsync(binh, SlotAt(slots, "10:00")));
        Assert.Equal("pending", first.GetProperty("status").GetString());

        var outsider = await _app.StaffAsync("tuphap.lan");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/staff/appointments/offices/{Id(office)}/bookings?day={Today.AddDays(1):yyyy-MM-dd}")).StatusCode);
        await ProblemAsync(await outsider.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(first)}/decide", new { approve = true, version = 0 }),
            HttpStatusCode.NotFound, "appointments.booking_not_found");

        var officer = await _app.StaffAsync("tanninh.mai");
        var pending = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/appointments/offices/{Id(office)}/bookings?day={Today.AddDays(1):yyyy-MM-dd}&status=pending");
        Assert.Equal(2, pending.GetProperty("total").GetInt32());
        Assert.Equal("approved", (await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(first)}/decide", new { approve = true, version = 0 }))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(second)}/decide", new { approve = false, version = 0 })).StatusCode);
        var rejected = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(second)}/decide", new { approve = false, reason = "Thủ tục này nộp trực tuyến toàn trình, không cần đến văn phòng", version = 0 }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/bookings/{Id(second)}/decide", new { approve = true, version = 1 }),
            HttpStatusCode.Conflict, "appointments.not_pending");

        // The rejection gave the place back.
        var after = await SlotsAsync(_app, office, Group(office, "HT"), Today.AddDays(1));
        Assert.Equal(1, after.Single(s => s.GetProperty("start").GetString() == "10:00:00").GetProperty("placesLeft").GetInt32());
    }
}
