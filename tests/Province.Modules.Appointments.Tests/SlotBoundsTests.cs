namespace Province.Modules.Appointments.Tests;

/// <summary>Issue 16, finding 8: slot generation is bounded in time, so the last representable date never answers 500.</summary>
public sealed class SlotBoundsTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public SlotBoundsTests(ProvinceApp app)
    {
        _app = app;
        app.Clock.Set(Wednesday8am);
    }

    [Fact]
    public async Task Slots_up_to_the_year_9999_or_from_year_1_are_refused_with_400_and_nothing_is_created()
    {
        var office = await CreateOfficeAsync(_app);
        var administrator = await _app.StaffAsync("quantri");
        foreach (var (from, to) in new[] { ("9999-12-25", "9999-12-31"), ("0001-01-01", "0001-01-07"), ("2026-12-02", "2029-01-01") })
        {
            await ProblemAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/slots",
                new { serviceGroupId = Group(office, "HT"), from, to, slotMinutes = 60, capacity = 5 }), HttpStatusCode.BadRequest, "validation.failed");
        }

        Assert.Equal(0, await _app.Database.ScalarAsync<long>("""SELECT count(*) FROM appointments.mt_doc_slot WHERE office_id = @office""", ("office", Id(office))));
    }
}
