using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Deleting a profile (Decree 13/2023) reaches every module that holds something about the citizen: the reports lose
/// who reported them (in the snapshot and in the stored event), coming appointments are cancelled with their place
/// given back, and bookings lose the name and phone number.
/// </summary>
public sealed class ProfileErasureTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    [Fact]
    public async Task Deleting_the_profile_erases_the_reporter_of_field_reports_and_cancels_and_erases_bookings()
    {
        app.Clock.Set(new DateTime(2026, 12, 2, 8, 0, 0));
        using var citizen = await app.CitizenAsync("zalo-erase-everywhere");
        await ApiAssert.OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Lý Thị Xuân", phoneNumber = "0977123456", version = 0 }));

        // A field report, which takes the reporter's name and phone from the profile.
        var categories = await citizen.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories");
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new
            {
                categoryId = categories.GetProperty("items")[0].GetProperty("id").GetGuid(), title = "Ổ gà trên đường", description = "Ổ gà lớn trước số 20 đường Võ Văn Truyện.",
                latitude = 11.3101, longitude = 106.0983, address = "20 Võ Văn Truyện", area = "Phường Tân Ninh", anonymous = false, photoIds = Array.Empty<Guid>(),
            }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        };
        var reportId = (await ApiAssert.OkAsync(await citizen.SendAsync(submit))).GetProperty("report").GetProperty("id").GetGuid();

        // A booking for tomorrow at a new office.
        using var administrator = await app.StaffAsync("quantri");
        var office = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices", TestOffices.NewOffice(TanNinhWard, "Bộ phận Một cửa (xóa hồ sơ)")));
        var (officeId, group) = (office.GetProperty("id").GetGuid(), office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid());
        await ApiAssert.OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{officeId}/slots",
            new { serviceGroupId = group, from = "2026-12-03", to = "2026-12-03", slotMinutes = 60, capacity = 5 }));
        var slot = (await citizen.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{officeId}/slots?serviceGroupId={group}&day=2026-12-03"))[0];
        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/bookings")
        {
            Content = JsonContent.Create(new { slotId = slot.GetProperty("id").GetGuid(), fullName = "Lý Thị Xuân", phoneNumber = "0977123456" }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        };
        var bookingId = (await ApiAssert.OkAsync(await citizen.SendAsync(book))).GetProperty("id").GetGuid();
        Assert.Equal(1, await BookedAsync(slot.GetProperty("id").GetGuid()));
        Assert.Equal("0977123456", await ReportFieldAsync(reportId, "reporterPhone"));

        Assert.Equal(HttpStatusCode.NoContent, (await citizen.DeleteAsync("/api/identity/me")).StatusCode);

        await Eventually.GetAsync(() => ReportFieldAsync(reportId, "reporterPhone"), phone => phone.Length == 0, waitingFor: "the report's reporter to be erased");
        Assert.Equal("", await ReportFieldAsync(reportId, "reporterName"));
        Assert.Equal("", await ReportFieldAsync(reportId, "citizenId"));
        Assert.Equal(0, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM field_reports.mt_events WHERE stream_id = @id AND (data ->> 'reporterPhone' IS NOT NULL OR data ->> 'reporterName' IS NOT NULL)",
            ("id", reportId)));
        var booking = await Eventually.GetAsync(
            () => app.Database.ScalarAsync<string>("SELECT data::text FROM appointments.mt_doc_booking WHERE id = @id", ("id", bookingId)),
            data => data.Contains("\"status\": \"Cancelled\"", StringComparison.Ordinal),
            waitingFor: "the booking to be cancelled");
        Assert.DoesNotContain("0977123456", booking, StringComparison.Ordinal);
        Assert.DoesNotContain("Lý Thị Xuân", booking, StringComparison.Ordinal);
        Assert.Equal(0, await BookedAsync(slot.GetProperty("id").GetGuid()));
    }

    /// <summary>The field of the report's snapshot; "" when it is null or absent.</summary>
    private Task<string> ReportFieldAsync(Guid reportId, string field) =>
        app.Database.ScalarAsync<string>($"SELECT coalesce(data ->> '{field}', '') FROM field_reports.mt_doc_fieldreport WHERE id = @id", ("id", reportId));

    private Task<int> BookedAsync(Guid slotId) =>
        app.Database.ScalarAsync<int>("SELECT coalesce((SELECT booked FROM appointments.slot_usage WHERE slot_id = @id), 0)", ("id", slotId));
}
