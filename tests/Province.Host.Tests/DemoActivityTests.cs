using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Persistence;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>The demo activity on a Wednesday at 10:00 in Vietnam (the other tests' hosts run without it).</summary>
public sealed class DemoActivityApp : ProvinceApp
{
    public DemoActivityApp() => Clock.Set(new DateTime(2026, 12, 2, 10, 0, 0));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DemoData:Activity"] = "true" };
}

/// <summary>
/// <c>DemoData:Activity</c> gives the demo province a recent history: the officers' queues, the statistics of the dashboard,
/// the public feed, today's queue and the coming bookings show it, and a second start adds nothing.
/// </summary>
public sealed class DemoActivityTests(DemoActivityApp app) : IClassFixture<DemoActivityApp>
{
    private static readonly Guid TanNinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a1");
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    [Fact]
    public async Task The_demo_activity_shows_in_queues_statistics_feed_and_today_s_queue_and_a_second_start_adds_nothing()
    {
        using var administrator = await app.StaffAsync("quantri");
        var first = await CountsAsync(administrator);

        // A second start runs every seeder again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoDataSeeder>())
            {
                await seeder.SeedAsync(CancellationToken.None);
            }
        }

        Assert.Equal(first, await CountsAsync(administrator));
        // 19 dossiers (2 at a counter), 14 field reports (4 answered in public), 4 numbers × 5 days of bookings.
        Assert.Equal(19, first.Dossiers);
        Assert.Equal(14, first.Reports);
        Assert.Equal(4, first.Feed);

        // The ward's officers: their dossier queue, with overdue ones; the dashboard's figures for their agency.
        using var officer = await app.StaffAsync("tanninh.mai");
        var overdue = await ApiAssert.OkAsync(await officer.GetAsync("/api/staff/dossiers/queue?timeliness=overdue"));
        Assert.True(overdue.GetProperty("total").GetInt32() >= 2);
        var statistics = await ApiAssert.OkAsync(await administrator.GetAsync("/api/staff/dossiers/statistics"));
        var ward = statistics.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agencyId").GetGuid() == TanNinhWard);
        Assert.True(ward.GetProperty("open").GetInt32() >= 5);
        Assert.True(ward.GetProperty("currentlyOverdue").GetInt32() >= 2);
        var months = statistics.GetProperty("months").EnumerateArray().ToList();
        Assert.True(months.Sum(m => m.GetProperty("receivedAtCounter").GetInt32()) >= 2);
        Assert.True(months.Sum(m => m.GetProperty("completed").GetInt32()) >= 5);
        Assert.True(months.Select(m => m.GetProperty("month").GetString()).Distinct().Count() >= 3);

        var reports = await ApiAssert.OkAsync(await administrator.GetAsync("/api/staff/field-reports/statistics"));
        Assert.True(reports.GetProperty("categories").EnumerateArray().Sum(c => c.GetProperty("answered").GetInt32()) >= 4);
        var citizens = await ApiAssert.OkAsync(await administrator.GetAsync("/api/staff/identity/statistics"));
        Assert.True(citizens.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetString() == "2026-12").GetProperty("citizens").GetInt32() >= 8);

        // Today's queue at phường Tân Ninh: numbers served, one at a counter, others waiting.
        using var anonymous = app.CreateClient();
        var screen = await ApiAssert.OkAsync(await anonymous.GetAsync($"/api/public/appointments/offices/{TanNinhOffice}/now-serving"));
        var civil = screen.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "HT");
        Assert.Equal(7, civil.GetProperty("lastIssued").GetInt32());
        Assert.True(civil.GetProperty("waiting").GetInt32() >= 1);
        Assert.Single(civil.GetProperty("atCounters").EnumerateArray());

        // A demo citizen signs in through Zalo (the simulator) and finds their own dossiers.
        using var citizen = await app.CitizenAsync("demo-citizen-01");
        var mine = await ApiAssert.OkAsync(await citizen.GetAsync("/api/dossiers"));
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
    }

    private sealed record Counts(int Dossiers, int Reports, int Feed, int Bookings, int Tickets);

    private async Task<Counts> CountsAsync(HttpClient administrator)
    {
        using var anonymous = app.CreateClient();
        var dossiers = 0;
        foreach (var status in new[] { "new", "accepted", "processing", "supplementRequested", "done", "resultReturned", "refused" })
        {
            dossiers += (await ApiAssert.OkAsync(await administrator.GetAsync($"/api/staff/dossiers/queue?status={status}"))).GetProperty("total").GetInt32();
        }

        var reports = (await ApiAssert.OkAsync(await administrator.GetAsync("/api/staff/field-reports/queue"))).GetProperty("total").GetInt32();
        var feed = (await ApiAssert.OkAsync(await anonymous.GetAsync("/api/public/field-reports"))).GetProperty("total").GetInt32();
        var bookings = 0;
        foreach (var office in new[] { TanNinhOffice, Guid.Parse("0195a1f0-0000-7000-8000-0000000000a2"), Guid.Parse("0195a1f0-0000-7000-8000-0000000000a3") })
        {
            for (var day = new DateOnly(2026, 12, 3); day <= new DateOnly(2026, 12, 12); day = day.AddDays(1))
            {
                bookings += (await ApiAssert.OkAsync(await administrator.GetAsync($"/api/staff/appointments/offices/{office}/bookings?day={day:yyyy-MM-dd}"))).GetProperty("total").GetInt32();
            }
        }

        var screen = await ApiAssert.OkAsync(await anonymous.GetAsync($"/api/public/appointments/offices/{TanNinhOffice}/now-serving"));
        var tickets = screen.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("lastIssued").GetInt32());
        Assert.Equal(20, bookings);
        return new Counts(dossiers, reports, feed, bookings, tickets);
    }
}
