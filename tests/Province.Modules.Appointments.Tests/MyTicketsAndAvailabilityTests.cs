using System.Globalization;

namespace Province.Modules.Appointments.Tests;

/// <summary>Issue 13: "my tickets" with cancel, and the availability calendar over the booking window.</summary>
public sealed class MyTicketsAndAvailabilityTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public MyTicketsAndAvailabilityTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am.AddHours(1));
    }

    [Fact]
    public async Task My_tickets_are_listed_with_names_and_a_cancelled_number_leaves_the_queue()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        using var citizen = await _app.CitizenAsync("zalo-my-tickets");
        using var other = await _app.CitizenAsync("zalo-my-tickets-other");
        var mine = await OkAsync(await TakeTicketAsync(citizen, Id(office), group));
        var behind = await OkAsync(await TakeTicketAsync(other, Id(office), group));
        Assert.Equal(1, (await OkAsync(await other.GetAsync($"/api/appointments/tickets/{Id(behind)}"))).GetProperty("ahead").GetInt32());

        var list = await OkAsync(await citizen.GetAsync("/api/appointments/tickets"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(Id(mine), Id(item));
        Assert.Equal("Hộ tịch", item.GetProperty("serviceGroupName").GetString());
        Assert.Equal(office.GetProperty("name").GetString(), item.GetProperty("officeName").GetString());
        Assert.EndsWith("+07:00", item.GetProperty("issuedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(["cancel"], item.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // Another citizen cannot cancel it.
        await ProblemAsync(await other.PostAsync($"/api/appointments/tickets/{Id(mine)}/cancel", null), HttpStatusCode.NotFound, "appointments.ticket_not_found");
        var cancelled = await OkAsync(await citizen.PostAsync($"/api/appointments/tickets/{Id(mine)}/cancel", null));

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Đã hủy", cancelled.GetProperty("statusText").GetString());
        Assert.Empty(cancelled.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal(0, (await OkAsync(await other.GetAsync($"/api/appointments/tickets/{Id(behind)}"))).GetProperty("ahead").GetInt32());
        // The counter calls the next citizen, never the cancelled number.
        using var officer = await _app.StaffAsync("tanninh.mai");
        var called = await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null));
        Assert.Equal(Id(behind), Id(called));
        Assert.Contains("start", called.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        await ProblemAsync(await citizen.PostAsync($"/api/appointments/tickets/{Id(mine)}/cancel", null), HttpStatusCode.Conflict, "appointments.illegal_ticket_transition");
    }

    [Fact]
    public async Task The_calendar_shows_each_day_of_the_window_with_places_left_and_marks_a_blocked_day()
    {
        var office = await CreateOfficeAsync(_app, horizonDays: 5);
        var group = Group(office, "HT");
        var administrator = await _app.StaffAsync("quantri");
        await OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/slots",
            new { serviceGroupId = group, from = Today.AddDays(1), to = Today.AddDays(3), slotMinutes = 60, capacity = 2 }));
        Assert.Equal(HttpStatusCode.NoContent, (await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/blocked-days",
            new { day = Today.AddDays(2), reason = "Tập huấn nghiệp vụ" })).StatusCode);
        using var citizen = await _app.CitizenAsync("zalo-calendar");
        var tomorrow = await SlotsAsync(_app, office, group, Today.AddDays(1), capacity: 2);
        await OkAsync(await BookAsync(citizen, Id(tomorrow[0])));

        using var anonymous = _app.CreateClient();
        var calendar = await OkAsync(await anonymous.GetAsync(
            $"/api/public/appointments/offices/{Id(office)}/availability?serviceGroupId={group}&from={Today:yyyy-MM-dd}&to={Today.AddDays(30):yyyy-MM-dd}"));

        var days = calendar.GetProperty("days").EnumerateArray().ToDictionary(d => DateOnly.Parse(d.GetProperty("date").GetString()!, CultureInfo.InvariantCulture));
        // Today to the 5-day horizon, whatever was asked.
        Assert.Equal(6, days.Count);
        Assert.Equal(Today.AddDays(5), days.Keys.Max());
        Assert.Equal("Hộ tịch", calendar.GetProperty("serviceGroupName").GetString());
        var first = days[Today.AddDays(1)];
        Assert.Equal("available", first.GetProperty("status").GetString());
        Assert.Equal(10 * 2 - 1, first.GetProperty("placesLeft").GetInt32());
        Assert.Equal("blocked", days[Today.AddDays(2)].GetProperty("status").GetString());
        Assert.Equal("Tập huấn nghiệp vụ", days[Today.AddDays(2)].GetProperty("blockedReason").GetString());
        Assert.Equal(20, days[Today.AddDays(3)].GetProperty("placesLeft").GetInt32());
        Assert.Equal("full", days[Today.AddDays(4)].GetProperty("status").GetString());
    }
}
