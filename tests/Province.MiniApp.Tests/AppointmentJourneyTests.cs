namespace Province.MiniApp.Tests;

[Collection(MiniAppCollection.Name)]
public sealed class AppointmentJourneyTests(MiniAppFixture fixture)
{
    /// <summary>An office of phường Tân Ninh of this test's own (open every day 07:00-17:00), with hourly slots from today on.</summary>
    private async Task<(Guid Id, string Name, Guid Group, Guid Counter)> OfficeAsync(int slotDays = 3)
    {
        using var administrator = await fixture.StaffAsync("quantri");
        var name = $"Một cửa thử nghiệm {Guid.NewGuid():N}"[..30];
        var office = await StaffActions.PostAsync(administrator, "/api/staff/appointments/offices", new
        {
            agencyId = MiniAppFixture.TanNinhWard,
            name,
            address = "Đường Võ Văn Truyện, phường Tân Ninh",
            requiresApproval = false,
            bookingHorizonDays = 14,
            changeCutoffHours = 2,
            openingHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), opens = "07:00:00", closes = "17:00:00" }),
            serviceGroups = new[] { new { code = "HT", name = "Hộ tịch", field = "Hộ tịch", defaultServiceMinutes = 10 } },
            counters = new[] { new { number = 1, name = "Quầy 1", serviceGroupCodes = new[] { "HT" } } },
        });
        var id = office.GetProperty("id").GetGuid();
        var group = office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        await StaffActions.PostAsync(administrator, $"/api/staff/appointments/offices/{id}/slots",
            new { serviceGroupId = group, from = today, to = today.AddDays(slotDays), slotMinutes = 60, capacity = 3 });
        return (id, name, group, office.GetProperty("counters")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_citizen_books_a_free_slot_from_the_calendar_reschedules_and_cancels()
    {
        var office = await OfficeAsync();
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        await using var phone = await fixture.PhoneAsync(user, "Phạm Thị Dung");
        await phone.TapAsync("Đặt lịch hẹn");
        await phone.ExpectScreenAsync("Đặt lịch hẹn");
        await phone.Page.GetByLabel("Bộ phận một cửa").SelectOptionAsync(new SelectOptionValue { Label = office.Name });
        await phone.TapAsync("Hộ tịch");
        var days = phone.Page.GetByRole(AriaRole.List, new() { Name = "Ngày" }).GetByRole(AriaRole.Button);
        await days.Nth(1).ClickAsync();
        await phone.Page.GetByRole(AriaRole.List, new() { Name = "Giờ còn chỗ" }).GetByRole(AriaRole.Button).Filter(new() { HasText = "09:00" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByLabel("Họ và tên")).ToHaveValueAsync("Phạm Thị Dung");
        await phone.Page.GetByLabel("Số điện thoại").FillAsync("0987654321");
        await phone.CheckAsync("appointments", "appointments");
        await phone.TapAsync("Đặt lịch");

        await phone.ExpectScreenAsync("Lịch hẹn");
        await Assertions.Expect(phone.Page.GetByTestId("booking-time")).ToContainTextAsync("09:00");
        using var api = await fixture.CitizenAsync(user);
        var booking = Assert.Single(StaffActions.Items(await ApiAssert.OkAsync(await api.GetAsync("/api/appointments/bookings?page=1&pageSize=10"))));
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(1);
        Assert.Equal(tomorrow.ToString("yyyy-MM-dd"), booking.GetProperty("day").GetString());
        Assert.StartsWith("09:00", booking.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Equal("0987654321", booking.GetProperty("phoneNumber").GetString());
        await phone.CheckAsync("booking", "booking");

        await phone.TapAsync("Đổi giờ hẹn");
        await phone.Page.GetByRole(AriaRole.List, new() { Name = "Ngày" }).GetByRole(AriaRole.Button).Nth(2).ClickAsync();
        await phone.Page.GetByRole(AriaRole.List, new() { Name = "Giờ còn chỗ" }).GetByRole(AriaRole.Button).Filter(new() { HasText = "10:00" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Đổi sang") }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByTestId("booking-time")).ToContainTextAsync("10:00");
        var moved = await ApiAssert.OkAsync(await api.GetAsync($"/api/appointments/bookings/{booking.GetProperty("id").GetGuid()}"));
        Assert.Equal(tomorrow.AddDays(1).ToString("yyyy-MM-dd"), moved.GetProperty("day").GetString());
        Assert.StartsWith("10:00", moved.GetProperty("start").GetString(), StringComparison.Ordinal);

        await phone.TapAsync("Hủy lịch hẹn");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "Hủy lịch hẹn" })).ToHaveCountAsync(0);
        var cancelled = await ApiAssert.OkAsync(await api.GetAsync($"/api/appointments/bookings/{booking.GetProperty("id").GetGuid()}"));
        Assert.Contains("cancel", cancelled.GetProperty("status").GetString()!, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(phone.Page.Locator(".status")).ToHaveTextAsync(cancelled.GetProperty("statusText").GetString()!);
    }

    [Fact]
    public async Task A_queue_number_taken_from_home_follows_the_number_being_served_live_and_warns_as_the_turn_nears()
    {
        var office = await OfficeAsync(slotDays: 0);
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        await using var phone = await fixture.PhoneAsync(user);
        var streams = 0;
        phone.Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/now-serving/stream", StringComparison.Ordinal))
            {
                streams++;
            }
        };
        await phone.TapAsync("Lấy số thứ tự");
        await phone.Page.GetByLabel("Bộ phận một cửa").SelectOptionAsync(new SelectOptionValue { Label = office.Name });
        await phone.TapAsync("Hộ tịch");
        await phone.ExpectScreenAsync("Số thứ tự của bạn");
        var number = (await phone.Page.GetByTestId("ticket-number").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(number));
        await Assertions.Expect(phone.Page.GetByTestId("turn-near")).ToContainTextAsync("Sắp đến lượt bạn");
        await Assertions.Expect(phone.Page.GetByTestId("now-serving")).ToHaveTextAsync("—");
        await phone.CheckAsync("queue ticket", "ticket");

        // A counter calls the next number: the phone shows it without reloading, pushed by server-sent events.
        using (var ward = await fixture.StaffAsync("tanninh.mai"))
        {
            await StaffActions.PostAsync(ward, $"/api/staff/appointments/offices/{office.Id}/counters/{office.Counter}/call-next", new { });
        }

        await Assertions.Expect(phone.Page.GetByTestId("now-serving")).ToHaveTextAsync(number);
        await Assertions.Expect(phone.Page.GetByText("Mời bạn đến Quầy 1")).ToBeVisibleAsync();
        Assert.Equal(1, streams);
        using var api = await fixture.CitizenAsync(user);
        var tickets = await ApiAssert.OkAsync(await api.GetAsync($"/api/public/appointments/offices/{office.Id}/now-serving"));
        Assert.Equal(number, tickets.GetProperty("groups")[0].GetProperty("nowServing").GetString());
    }
}
