using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

/// <summary>Citizens who used the service per month and the share over 45: counts of real requests, administrators only.</summary>
public sealed class CitizenStatisticsTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static async Task BornAsync(HttpClient citizen, string? dateOfBirth)
    {
        var profile = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        if (dateOfBirth is not null)
        {
            (await citizen.PatchAsJsonAsync("/api/identity/me", new { dateOfBirth, version = profile.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Citizens_are_counted_once_in_each_month_they_used_the_service_with_the_share_over_45()
    {
        // October: three citizens (born 1970, 1990, no date given) and one who later deletes their profile.
        app.Clock.Set(new DateTime(2026, 10, 15, 9, 0, 0));
        using var older = await app.CitizenAsync("zalo-statistics-1970");
        await BornAsync(older, "1970-05-01");
        using var younger = await app.CitizenAsync("zalo-statistics-1990");
        await BornAsync(younger, "1990-05-01");
        using var unknown = await app.CitizenAsync("zalo-statistics-unknown");
        await BornAsync(unknown, null);
        using var leaving = await app.CitizenAsync("zalo-statistics-leaving");
        await BornAsync(leaving, "1960-01-01");
        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync("/api/identity/me")).StatusCode);

        // November: the 1970 citizen again, many requests, and one born 1981-11-10 (still 44 on the 1st of November: not over 45).
        app.Clock.Set(new DateTime(2026, 11, 3, 9, 0, 0));
        for (var i = 0; i < 3; i++)
        {
            await older.GetFromJsonAsync<JsonElement>("/api/identity/me");
        }

        using var fortyFour = await app.CitizenAsync("zalo-statistics-1981");
        await BornAsync(fortyFour, "1981-11-10");

        using var administrator = await app.StaffAsync("quantri");
        var statistics = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/identity/statistics?from=2026-10-01&to=2026-11-30");
        var months = statistics.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(["2026-10", "2026-11"], months.Select(m => m.GetProperty("month").GetString()));
        Assert.Equal(3, months[0].GetProperty("citizens").GetInt32());
        Assert.Equal(2, months[0].GetProperty("withDateOfBirth").GetInt32());
        Assert.Equal(1, months[0].GetProperty("over45").GetInt32());
        Assert.Equal(50.0, months[0].GetProperty("over45Rate").GetDouble());
        Assert.Equal(2, months[1].GetProperty("citizens").GetInt32());
        Assert.Equal(2, months[1].GetProperty("withDateOfBirth").GetInt32());
        Assert.Equal(1, months[1].GetProperty("over45").GetInt32());

        // Nothing personal in the answer: counts by month only.
        var text = statistics.GetRawText();
        Assert.DoesNotContain("1970", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zalo", text, StringComparison.OrdinalIgnoreCase);

        var csv = await administrator.GetAsync("/api/staff/identity/statistics?from=2026-10-01&to=2026-11-30&format=csv&table=months");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            ["Tháng,Người dân sử dụng dịch vụ,Đã khai ngày sinh,Trên 45 tuổi,Tỷ lệ trên 45 tuổi (%)", "2026-10,3,2,1,50.0", "2026-11,2,2,1,50.0"],
            Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Issue 17: the month is written once per citizen, month and host instance, then remembered (in a bounded cache of
    /// its own): a row removed behind the host's back stays removed for the rest of that month's requests, and the next
    /// month is written again.
    /// </summary>
    [Fact]
    public async Task A_citizens_month_is_written_once_then_remembered_until_the_month_changes()
    {
        app.Clock.Set(new DateTime(2026, 7, 8, 9, 0, 0));
        using var citizen = await app.CitizenAsync("zalo-activity-remembered");
        var me = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        var citizenId = me.GetProperty("id").GetGuid();
        Assert.Equal(["2026-07"], await MonthsAsync(citizenId));

        await using (var connection = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("delete from identity.citizen_activity where citizen_id = $1", connection) { Parameters = { new() { Value = citizenId } } };
            await delete.ExecuteNonQueryAsync();
        }

        await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Empty(await MonthsAsync(citizenId));

        app.Clock.Set(new DateTime(2026, 8, 3, 9, 0, 0));
        await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(["2026-08"], await MonthsAsync(citizenId));
    }

    private async Task<List<string>> MonthsAsync(Guid citizenId)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select to_char(month, 'YYYY-MM') from identity.citizen_activity where citizen_id = $1 order by month", connection)
        {
            Parameters = { new() { Value = citizenId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var months = new List<string>();
        while (await reader.ReadAsync())
        {
            months.Add(reader.GetString(0));
        }

        return months;
    }

    [Fact]
    public async Task Officers_may_not_read_the_citizens_statistics()
    {
        using var officer = await app.StaffAsync("tuphap.lan");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/staff/identity/statistics")).StatusCode);
        using var administrator = await app.StaffAsync("quantri");
        Assert.Equal(HttpStatusCode.BadRequest, (await administrator.GetAsync("/api/staff/identity/statistics?format=xml")).StatusCode);
    }
}
