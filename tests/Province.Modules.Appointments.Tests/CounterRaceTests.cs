using System.Collections.Concurrent;

namespace Province.Modules.Appointments.Tests;

/// <summary>Counters calling at the same moment: every waiting number is called exactly once.</summary>
public sealed class CounterRaceTests : IClassFixture<ProvinceApp>
{
    private readonly ProvinceApp _app;

    public CounterRaceTests(ProvinceApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am.AddHours(1));
    }

    [Fact]
    public async Task Two_counters_calling_at_once_never_call_the_same_number_twice()
    {
        var office = await CreateOfficeAsync(_app);
        var group = Group(office, "HT");
        for (var i = 0; i < 12; i++)
        {
            await OkAsync(await TakeTicketAsync(await _app.CitizenAsync($"zalo-race-{i}"), Id(office), group));
        }

        var officer = await _app.StaffAsync("tanninh.mai");
        var called = new ConcurrentBag<string>();
        var answers = new ConcurrentBag<HttpStatusCode>();
        await Task.WhenAll(new[] { CounterId(office, 1), CounterId(office, 2) }.Select(counter => Task.Run(async () =>
        {
            for (var call = 0; call < 10; call++)
            {
                var answer = await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{counter}/call-next", null);
                answers.Add(answer.StatusCode);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    called.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
                }
            }
        })));

        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Conflict }));
        Assert.Equal(called.Count, called.Distinct().Count());

        // A call that lost every retry (409) leaves its number waiting: the last calls pick those up.
        HttpResponseMessage last;
        while ((last = await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null)).StatusCode == HttpStatusCode.OK)
        {
            called.Add((await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
        }

        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"HT-{n:D3}"), called.Order(StringComparer.Ordinal));
    }
}
