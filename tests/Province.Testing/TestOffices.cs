namespace Province.Testing;

/// <summary>What an administrator sends to open a one-stop office in tests: open 07:00-17:00 every day, one group, one counter.</summary>
public static class TestOffices
{
    public static object NewOffice(Guid agencyId, string name) => new
    {
        agencyId,
        name,
        address = "Số 1 Võ Văn Truyện, phường Tân Ninh",
        requiresApproval = false,
        bookingHorizonDays = 30,
        changeCutoffHours = 2,
        openingHours = Enum.GetValues<DayOfWeek>().Select(day => new { day = day.ToString().ToLowerInvariant(), opens = "07:00:00", closes = "17:00:00" }),
        serviceGroups = new[] { new { code = "HT", name = "Hộ tịch", field = "Hộ tịch", defaultServiceMinutes = 10 } },
        counters = new[] { new { number = 1, name = "Quầy 1", serviceGroupCodes = new[] { "HT" } } },
    };
}
