using System.Globalization;

namespace Province.Modules.Appointments.Tests;

/// <summary>Queue tickets: numbering under a burst, the calling order, the live view, who may call.</summary>
public sealed class QueueTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public QueueTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am.AddHours(1));
    }

    [Fact]
    public async Task Three_hundred_concurrent_ticket_requests_get_three_hundred_consecutive_numbers()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var citizens = new HttpClient[300];
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => citizens[i] = await _app.CitizenAsync($"zalo-ticket-{i}"));

        var answers = await Task.WhenAll(citizens.Select(c => TakeTicketAsync(c, Id(office), group)));

        var numbers = new List<int>();
        foreach (var answer in answers)
        {
            var ticket = await OkAsync(answer);
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            numbers.Add(int.Parse(ticket.GetProperty("number").GetString()!["HT-".Length..], CultureInfo.InvariantCulture));
        }

        Assert.Equal(Enumerable.Range(1, 300), numbers.Order());
    }

    [Fact]
    public async Task Counters_call_priority_first_then_by_number_with_skips_recalls_and_transfers()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var officer = await _app.StaffAsync("tanninh.mai");
        var counter1 = CounterId(office, 1);
        var counter2 = CounterId(office, 2);
        var an = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-order-1"), Id(office), group));            // HT-001
        var binh = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-order-2"), Id(office), group));          // HT-002
        var elderlyCitizen = await _app.CitizenAsync("zalo-order-3");
        await BornAsync(elderlyCitizen, "1950-04-01");
        var elderly = await OkAsync(await TakeTicketAsync(elderlyCitizen, Id(office), group, "elderly"));                    // HT-003, priority by the profile
        Assert.Equal("byProfile", elderly.GetProperty("priorityStatus").GetString());
        var pregnant = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/kiosk/tickets",
            new { serviceGroupId = group, priority = "pregnant" }));                                                          // HT-004, priority once confirmed
        Assert.Equal("pending", pregnant.GetProperty("priorityStatus").GetString());
        await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(pregnant)}/confirm-priority",
            new { confirmed = true, version = pregnant.GetProperty("version").GetInt32() }));

        async Task<JsonElement> CallAsync(Guid counter) => await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{counter}/call-next", null));
        async Task<JsonElement> ActAsync(JsonElement ticket, string action, object? body = null) =>
            await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(ticket)}/{action}", body ?? new { version = ticket.GetProperty("version").GetInt32() }));

        Assert.Equal("HT-003", (await CallAsync(counter1)).GetProperty("number").GetString());
        var second = await CallAsync(counter2);
        Assert.Equal("HT-004", second.GetProperty("number").GetString());
        var third = await CallAsync(counter1);
        Assert.Equal("HT-001", third.GetProperty("number").GetString());

        // HT-001 does not come: recalled once, then skipped as absent.
        var recalled = await ActAsync(third, "recall");
        Assert.Equal("called", recalled.GetProperty("status").GetString());
        var skipped = await ActAsync(recalled, "skip");
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        var illegal = await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(skipped)}/start", new { version = skipped.GetProperty("version").GetInt32() });
        await ProblemAsync(illegal, HttpStatusCode.Conflict, "appointments.illegal_ticket_transition");

        // HT-002: the citizen sees they are next, then it is served.
        var binhClient = await _app.CitizenAsync("zalo-order-2");
        Assert.Equal(0, (await binhClient.GetFromJsonAsync<JsonElement>($"/api/appointments/tickets/{Id(binh)}")).GetProperty("ahead").GetInt32());
        var fourth = await CallAsync(counter1);
        Assert.Equal("HT-002", fourth.GetProperty("number").GetString());
        var serving = await ActAsync(fourth, "start");
        var done = await ActAsync(serving, "finish");
        Assert.Equal("done", done.GetProperty("status").GetString());

        // Transfer: HT-005 goes from counter 1 to counter 2, which calls it before HT-006.
        await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-order-5"), Id(office), group));
        await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-order-6"), Id(office), group));
        var fifth = await CallAsync(counter1);
        Assert.Equal("HT-005", fifth.GetProperty("number").GetString());
        await ActAsync(fifth, "transfer", new { counterId = counter2, version = fifth.GetProperty("version").GetInt32() });
        Assert.Equal("HT-006", (await CallAsync(counter1)).GetProperty("number").GetString());
        Assert.Equal("HT-005", (await CallAsync(counter2)).GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{counter1}/call-next", null)).StatusCode);
    }

    [Fact]
    public async Task A_priority_the_profile_cannot_prove_is_not_called_first_until_an_officer_confirms_it()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var officer = await _app.StaffAsync("tanninh.mai");
        var counter = CounterId(office, 2);
        async Task<string?> CallAsync() =>
            (await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{counter}/call-next", null))).GetProperty("number").GetString();

        await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-prio-1"), Id(office), group));                        // HT-001
        var secondCitizen = await _app.CitizenAsync("zalo-prio-2");
        var second = await OkAsync(await TakeTicketAsync(secondCitizen, Id(office), group));                                    // HT-002
        // No date of birth in the profile: "elderly" on the citizen's word alone.
        var unproven = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-prio-3"), Id(office), group, "elderly")); // HT-003
        Assert.Equal("pending", unproven.GetProperty("priorityStatus").GetString());
        Assert.Equal(2, unproven.GetProperty("ahead").GetInt32());
        var disability = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-prio-4"), Id(office), group, "disability")); // HT-004

        // A profile that says younger than 60 is refused outright.
        var young = await _app.CitizenAsync("zalo-prio-5");
        await BornAsync(young, "1990-01-01");
        await ProblemAsync(await TakeTicketAsync(young, Id(office), group, "elderly"), HttpStatusCode.UnprocessableEntity, "appointments.not_elderly");

        Assert.Equal("HT-001", await CallAsync());
        // The officer sees the disability certificate of HT-004: it goes ahead of HT-002 and of the unproven HT-003.
        await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(disability)}/confirm-priority",
            new { confirmed = true, version = disability.GetProperty("version").GetInt32() }));
        // HT-002 is told the proven priority after it is called first: one ahead, though no number before it waits.
        Assert.Equal(1, (await OkAsync(await secondCitizen.GetAsync($"/api/appointments/tickets/{Id(second)}"))).GetProperty("ahead").GetInt32());
        Assert.Equal("HT-004", await CallAsync());
        Assert.Equal("HT-002", await CallAsync());
        Assert.Equal("HT-003", await CallAsync());
    }

    [Fact]
    public async Task How_many_are_ahead_and_the_wait_follow_every_change_of_the_queue_and_match_a_count_of_the_tickets()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var officer = await _app.StaffAsync("tanninh.mai");
        var counter1 = CounterId(office, 1);
        var counter2 = CounterId(office, 2);
        var citizens = new Dictionary<string, HttpClient>();
        foreach (var name in new[] { "first", "second", "elderly", "fifth" })
        {
            citizens[name] = await _app.CitizenAsync($"zalo-tally-{name}");
        }

        await BornAsync(citizens["elderly"], "1948-02-03");
        var first = await OkAsync(await TakeTicketAsync(citizens["first"], Id(office), group));                                  // HT-001
        var second = await OkAsync(await TakeTicketAsync(citizens["second"], Id(office), group));                                // HT-002
        var elderly = await OkAsync(await TakeTicketAsync(citizens["elderly"], Id(office), group, "elderly"));                   // HT-003, proven by the profile
        var pregnant = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/kiosk/tickets",
            new { serviceGroupId = group, priority = "pregnant" }));                                                               // HT-004, not proven yet
        var fifth = await OkAsync(await TakeTicketAsync(citizens["fifth"], Id(office), group));                                  // HT-005
        // As each was issued: the numbers before it; the proven HT-003 only the proven ones before it (none).
        Assert.Equal([0, 1, 0, 3, 4], new[] { first, second, elderly, pregnant, fifth }.Select(t => t.GetProperty("ahead").GetInt32()));

        async Task<int> AheadAsync(string citizen, JsonElement ticket) =>
            (await OkAsync(await citizens[citizen].GetAsync($"/api/appointments/tickets/{Id(ticket)}"))).GetProperty("ahead").GetInt32();
        async Task<JsonElement> ActAsync(JsonElement ticket, string action, object? body = null) =>
            await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(ticket)}/{action}", body ?? new { version = ticket.GetProperty("version").GetInt32() }));
        async Task<JsonElement> CallAsync(Guid counter) =>
            await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{counter}/call-next", null));

        // HT-004's pregnancy is confirmed: it waits behind the proven HT-003 only, and both are ahead of every unproven number.
        pregnant = await ActAsync(pregnant, "confirm-priority", new { confirmed = true, version = pregnant.GetProperty("version").GetInt32() });
        Assert.Equal(1, pregnant.GetProperty("ahead").GetInt32());
        Assert.Equal(new[] { 2, 3, 4 }, new[] { await AheadAsync("first", first), await AheadAsync("second", second), await AheadAsync("fifth", fifth) });

        // HT-002 gives up its number; HT-003 is called, served for 12 minutes and finished.
        await OkAsync(await citizens["second"].PostAsync($"/api/appointments/tickets/{Id(second)}/cancel", null));
        Assert.Equal(new[] { 2, 3 }, new[] { await AheadAsync("first", first), await AheadAsync("fifth", fifth) });
        var called = await CallAsync(counter1);
        Assert.Equal("HT-003", called.GetProperty("number").GetString());
        var serving = await ActAsync(called, "start");
        _app.Clock.Advance(TimeSpan.FromMinutes(12));
        await ActAsync(serving, "finish");
        // The wait is now the day's 12 minutes a person shared by the group's two counters: 6 a person ahead.
        var fifthNow = await OkAsync(await citizens["fifth"].GetAsync($"/api/appointments/tickets/{Id(fifth)}"));
        Assert.Equal(2, fifthNow.GetProperty("ahead").GetInt32());
        Assert.Equal(12, fifthNow.GetProperty("estimatedWaitMinutes").GetInt32());

        // HT-004 is called and sent to counter 2: back among the waiting, still proven, nobody ahead of it.
        var calledAgain = await CallAsync(counter1);
        Assert.Equal("HT-004", calledAgain.GetProperty("number").GetString());
        Assert.Equal(new[] { 0, 1 }, new[] { await AheadAsync("first", first), await AheadAsync("fifth", fifth) });
        var transferred = await ActAsync(calledAgain, "transfer", new { counterId = counter2, version = calledAgain.GetProperty("version").GetInt32() });
        Assert.Equal("waiting", transferred.GetProperty("status").GetString());
        Assert.Equal(0, transferred.GetProperty("ahead").GetInt32());
        Assert.Equal(new[] { 1, 2 }, new[] { await AheadAsync("first", first), await AheadAsync("fifth", fifth) });

        // The same answers counted from the tickets themselves, as for a day begun before the tally existed: the figures
        // and the count agree.
        await _app.Database.ScalarAsync<int>(
            "UPDATE appointments.ticket_numbers SET tallied = NULL WHERE scope LIKE @office RETURNING 1",
            ("office", $"{Id(office):N}:%"));
        Assert.Equal(new[] { 1, 2 }, new[] { await AheadAsync("first", first), await AheadAsync("fifth", fifth) });
        Assert.Equal(12, (await OkAsync(await citizens["fifth"].GetAsync($"/api/appointments/tickets/{Id(fifth)}"))).GetProperty("estimatedWaitMinutes").GetInt32());
    }

    [Fact]
    public async Task The_live_view_changes_after_a_call_by_get_and_by_server_sent_events()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "CT");
        var officer = await _app.StaffAsync("tanninh.mai");
        var ticket = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-live-1"), Id(office), group));
        using var anonymous = _app.CreateClient();
        var before = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{Id(office)}/now-serving");
        var ct = before.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "CT");
        Assert.Equal(JsonValueKind.Null, ct.GetProperty("nowServing").ValueKind);
        Assert.Equal(1, ct.GetProperty("waiting").GetInt32());

        using var stream = await anonymous.GetAsync($"/api/public/appointments/offices/{Id(office)}/now-serving/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Contains("\"nowServing\":null", await NextEventAsync(reader), StringComparison.Ordinal);

        await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null));

        var pushed = await NextEventAsync(reader);
        Assert.Contains($"\"nowServing\":\"{ticket.GetProperty("number").GetString()}\"", pushed, StringComparison.Ordinal);
        var after = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{Id(office)}/now-serving");
        var served = after.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "CT");
        Assert.Equal("CT-001", served.GetProperty("nowServing").GetString());
        Assert.Equal("Quầy 1", served.GetProperty("atCounters")[0].GetProperty("counter").GetString());
    }

    [Fact]
    public async Task An_officer_of_another_office_cannot_issue_call_or_act_and_a_citizen_sees_only_their_ticket()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var ticket = await OkAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-guard-1"), Id(office), group));
        var outsider = await _app.StaffAsync("tuphap.lan");

        await ProblemAsync(await outsider.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null),
            HttpStatusCode.Forbidden, "appointments.not_your_office");
        await ProblemAsync(await outsider.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/kiosk/tickets", new { serviceGroupId = group }),
            HttpStatusCode.Forbidden, "appointments.not_your_office");
        await ProblemAsync(await outsider.PostAsJsonAsync($"/api/staff/appointments/tickets/{Id(ticket)}/skip", new { version = 0 }),
            HttpStatusCode.NotFound, "appointments.ticket_not_found");
        var stranger = await _app.CitizenAsync("zalo-guard-2");
        await ProblemAsync(await stranger.GetAsync($"/api/appointments/tickets/{Id(ticket)}"), HttpStatusCode.NotFound, "appointments.ticket_not_found");
        Assert.Equal("waiting", (await (await _app.CitizenAsync("zalo-guard-1")).GetFromJsonAsync<JsonElement>($"/api/appointments/tickets/{Id(ticket)}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_booking_checked_in_at_the_kiosk_gets_a_number_once()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        var slots = await SlotsAsync(_app, office, group, Today);
        var citizen = await _app.CitizenAsync("zalo-checkin");
        var booking = await OkAsync(await BookAsync(citizen, SlotAt(slots, "10:00")));
        var officer = await _app.StaffAsync("tanninh.mai");

        var ticket = await OkAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/kiosk/check-ins", new { bookingCode = booking.GetProperty("code").GetString() }));
        Assert.Equal("HT-001", ticket.GetProperty("number").GetString());
        Assert.Equal("checkedIn", (await citizen.GetFromJsonAsync<JsonElement>($"/api/appointments/bookings/{Id(booking)}")).GetProperty("status").GetString());
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/kiosk/check-ins", new { bookingCode = booking.GetProperty("code").GetString() }),
            HttpStatusCode.UnprocessableEntity, "appointments.check_in_refused");
    }

    [Fact]
    public async Task Tickets_are_refused_on_blocked_days_and_outside_opening_hours()
    {
        var office = await CreateOfficeAsync(_app);
        var citizen = await _app.CitizenAsync("zalo-closed");
        _app.Clock.Set(Wednesday8am.AddHours(10));
        await ProblemAsync(await TakeTicketAsync(citizen, Id(office), Group(office, "HT")), HttpStatusCode.UnprocessableEntity, "appointments.outside_hours");
        _app.Clock.Set(Wednesday8am.AddHours(1));
        var administrator = await _app.StaffAsync("quantri");
        await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/blocked-days", new { day = Today, reason = "Nghỉ bù" });
        await ProblemAsync(await TakeTicketAsync(citizen, Id(office), Group(office, "HT")), HttpStatusCode.UnprocessableEntity, "appointments.office_closed_today");
    }

    [Fact]
    public async Task A_retried_ticket_request_gets_its_first_answer_and_a_citizen_holds_one_ticket_a_group_at_a_time()
    {
        var office = await CreateOfficeAsync(_app);
        var (civilStatus, notarial) = (Group(office, "HT"), Group(office, "CT"));
        var citizen = await _app.CitizenAsync("zalo-one-ticket");
        var key = Guid.NewGuid().ToString();
        var first = await TakeTicketAsync(citizen, Id(office), civilStatus, null, key);
        var ticket = await OkAsync(first);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // The answer was lost: the retry with the same key gets the same ticket, not a second number.
        var retry = await TakeTicketAsync(citizen, Id(office), civilStatus, null, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(Id(ticket), Id(await retry.Content.ReadFromJsonAsync<JsonElement>()));
        // The same key for another request is a client's mistake.
        await ProblemAsync(await TakeTicketAsync(citizen, Id(office), notarial, null, key), HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        // A new request for the same group while the ticket waits: refused; another group: a ticket of its own.
        await ProblemAsync(await TakeTicketAsync(citizen, Id(office), civilStatus), HttpStatusCode.Conflict, "appointments.ticket_already_taken");
        Assert.Equal("CT-001", (await OkAsync(await TakeTicketAsync(citizen, Id(office), notarial))).GetProperty("number").GetString());

        // Cancelled, the ticket no longer holds the group: the citizen may take a new number.
        await OkAsync(await citizen.PostAsync($"/api/appointments/tickets/{Id(ticket)}/cancel", null));
        Assert.Equal("HT-002", (await OkAsync(await TakeTicketAsync(citizen, Id(office), civilStatus))).GetProperty("number").GetString());

        // Still the first answer once the day is blocked: a retry is answered before any refusal.
        var administrator = await _app.StaffAsync("quantri");
        Assert.Equal(HttpStatusCode.NoContent, (await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/blocked-days",
            new { day = Today, reason = "Mất điện" })).StatusCode);
        var late = await TakeTicketAsync(citizen, Id(office), civilStatus, null, key);
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal(Id(ticket), Id(await late.Content.ReadFromJsonAsync<JsonElement>()));
        await ProblemAsync(await TakeTicketAsync(await _app.CitizenAsync("zalo-one-ticket-2"), Id(office), civilStatus), HttpStatusCode.UnprocessableEntity,
            "appointments.office_closed_today");
        // And after closing time, refused before the database is asked for a number.
        _app.Clock.Set(Wednesday8am.AddHours(10));
        var afterHours = await TakeTicketAsync(citizen, Id(office), civilStatus, null, key);
        Assert.Equal(HttpStatusCode.Created, afterHours.StatusCode);
        Assert.Equal(Id(ticket), Id(await afterHours.Content.ReadFromJsonAsync<JsonElement>()));
        await ProblemAsync(await TakeTicketAsync(citizen, Id(office), civilStatus), HttpStatusCode.UnprocessableEntity, "appointments.outside_hours");
    }

    [Fact]
    public async Task Concurrent_retries_of_one_ticket_request_all_get_the_one_ticket()
    {
        var office = await CreateOfficeAsync(_app);
        var citizen = await _app.CitizenAsync("zalo-ticket-retries");
        var key = Guid.NewGuid().ToString();

        // A phone on a poor connection sends the same request again and again before any answer comes back.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TakeTicketAsync(citizen, Id(office), Group(office, "HT"), null, key)));

        var tickets = new List<Guid>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            tickets.Add(Id(await answer.Content.ReadFromJsonAsync<JsonElement>()));
        }

        Assert.Single(tickets.Distinct());
        var mine = await citizen.GetFromJsonAsync<JsonElement>("/api/appointments/tickets");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    /// <summary>Saves a date of birth in the citizen's profile (Identity), as the mini app's profile page does.</summary>
    private static async Task BornAsync(HttpClient citizen, string dateOfBirth)
    {
        var me = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        await OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me",
            new { fullName = "Nguyễn Văn Thọ", dateOfBirth, version = me.GetProperty("version").GetInt32() }));
    }

    private static async Task<string> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
