namespace Province.Modules.Appointments.Tests;

/// <summary>Calls of the mini app, the kiosk and the counters, in the tests' words.</summary>
internal static class AppointmentsApi
{
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    /// <summary>Wednesday 2 December 2026, 08:00 in Vietnam: the clock every test here runs at.</summary>
    public static readonly DateTime Wednesday8am = new(2026, 12, 2, 8, 0, 0);

    public static readonly DateOnly Today = new(2026, 12, 2);

    /// <summary>A fresh office of phường Tân Ninh (open every day 07:00-17:00), so each test owns its counters and numbers.</summary>
    public static async Task<JsonElement> CreateOfficeAsync(ProvinceApp app, bool requiresApproval = false, int horizonDays = 30, int cutoffHours = 2)
    {
        var administrator = await app.StaffAsync("quantri");
        var hours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), opens = "07:00:00", closes = "17:00:00" });
        var created = await administrator.PostAsJsonAsync("/api/staff/appointments/offices", new
        {
            agencyId = TanNinhWard,
            name = $"Bộ phận Một cửa thử nghiệm {Guid.NewGuid():N}"[..40],
            address = "Đường Võ Văn Truyện, phường Tân Ninh",
            requiresApproval,
            bookingHorizonDays = horizonDays,
            changeCutoffHours = cutoffHours,
            openingHours = hours,
            serviceGroups = new[]
            {
                new { code = "HT", name = "Hộ tịch", field = "Hộ tịch", defaultServiceMinutes = 10 },
                new { code = "CT", name = "Chứng thực", field = "Chứng thực", defaultServiceMinutes = 6 },
            },
            counters = new[]
            {
                new { number = 1, name = "Quầy 1", serviceGroupCodes = new[] { "HT", "CT" } },
                new { number = 2, name = "Quầy 2", serviceGroupCodes = new[] { "HT" } },
            },
        });
        return await OkAsync(created);
    }

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    public static Guid Group(JsonElement office, string code) =>
        office.GetProperty("serviceGroups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    public static Guid CounterId(JsonElement office, int number) =>
        office.GetProperty("counters").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == number).GetProperty("id").GetGuid();

    /// <summary>Creates slots of a group for the given days and returns them for <paramref name="day"/>.</summary>
    public static async Task<List<JsonElement>> SlotsAsync(ProvinceApp app, JsonElement office, Guid group, DateOnly day, int capacity = 5, int minutes = 60)
    {
        var administrator = await app.StaffAsync("quantri");
        await OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/slots",
            new { serviceGroupId = group, from = day, to = day, slotMinutes = minutes, capacity }));
        using var anonymous = app.CreateClient();
        return [.. (await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{Id(office)}/slots?serviceGroupId={group}&day={day:yyyy-MM-dd}")).EnumerateArray()];
    }

    public static Guid SlotAt(List<JsonElement> slots, string start) =>
        slots.Single(s => s.GetProperty("start").GetString()!.StartsWith(start, StringComparison.Ordinal)).GetProperty("id").GetGuid();

    public static async Task<HttpResponseMessage> BookAsync(HttpClient citizen, Guid slotId, string? fullName = "Nguyễn Văn An", string? phone = "0912345678")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/bookings")
        {
            Content = JsonContent.Create(new { slotId, fullName, phoneNumber = phone }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await citizen.SendAsync(request);
    }

    public static Task<HttpResponseMessage> TakeTicketAsync(HttpClient citizen, Guid officeId, Guid groupId, string? priority = null) =>
        TakeTicketAsync(citizen, officeId, groupId, priority, Guid.NewGuid().ToString());

    /// <summary>Takes a number with the given Idempotency-Key (a retry sends the key of the first attempt).</summary>
    public static async Task<HttpResponseMessage> TakeTicketAsync(HttpClient citizen, Guid officeId, Guid groupId, string? priority, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets")
        {
            Content = JsonContent.Create(new { officeId, serviceGroupId = groupId, priority }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await citizen.SendAsync(request);
    }

    public static Task<JsonElement> OkAsync(HttpResponseMessage response) => ApiAssert.OkAsync(response);

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var problem = await ApiAssert.ProblemAsync(response, expected, code);
        // Every refusal explains itself in Vietnamese (a letter with a Vietnamese mark).
        Assert.Matches("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", problem.GetProperty("detail").GetString()!);
        return problem;
    }
}
