namespace Province.Modules.Appointments.Tests;

/// <summary>Reminders reach the citizen as integration events (delivered to the Notifications inbox), once.</summary>
public sealed class RemindersTests(RemindersTests.FastScans app) : IClassFixture<RemindersTests.FastScans>
{
    public sealed class FastScans : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Appointments:ReminderScanInterval"] = "00:00:00.200" };
    }

    [Fact]
    public async Task A_booking_is_reminded_once_a_day_ahead_and_a_near_number_is_told_to_come()
    {
        app.Clock.Set(Wednesday8am);
        var office = await CreateOfficeAsync(app);
        var group = Group(office, "HT");
        var citizen = await app.CitizenAsync("zalo-remind");
        var booking = await OkAsync(await BookAsync(citizen, SlotAt(await SlotsAsync(app, office, group, Today.AddDays(1)), "09:00")));
        var procedureLinked = await app.CitizenAsync("zalo-remind-2");
        using (var linked = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/bookings")
        {
            Content = JsonContent.Create(new { slotId = SlotAt(await SlotsAsync(app, office, group, Today.AddDays(1)), "10:00"), procedureCode = "9.999999", fullName = "Lê Văn Cường", phoneNumber = "0987654321" }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        })
        {
            await ProblemAsync(await procedureLinked.SendAsync(linked), HttpStatusCode.UnprocessableEntity, "appointments.procedure_unknown");
        }

        // A day ahead: 09:30 on Wednesday for 09:00 on Thursday.
        app.Clock.Set(Wednesday8am.AddMinutes(90));
        var inbox = await Eventually.GetAsync(
            () => citizen.GetFromJsonAsync<JsonElement>("/api/notifications"),
            page => page.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("title").GetString()!.StartsWith("Nhắc lịch hẹn", StringComparison.Ordinal)));
        Assert.Contains(booking.GetProperty("code").GetString()!, inbox.GetProperty("items")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.Database.ScalarAsync<int>("""SELECT count(*) FROM appointments.mt_events WHERE mt_dotnet_type LIKE '%AppointmentReminderDue%'"""));

        // Same-day queue: the next waiting citizens hear their number is near when a counter calls.
        var officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await TakeTicketAsync(await app.CitizenAsync("zalo-near-1"), Id(office), group));
        var second = await app.CitizenAsync("zalo-near-2");
        await OkAsync(await TakeTicketAsync(second, Id(office), group));
        await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null));
        await Eventually.GetAsync(
            () => second.GetFromJsonAsync<JsonElement>("/api/notifications"),
            page => page.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("title").GetString() == "Sắp đến lượt số HT-002"));
    }
}
