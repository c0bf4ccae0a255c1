namespace Province.Modules.Appointments.Tests;

/// <summary>Issue 16, finding 6: live-view streams are capped per client and in all, kept alive, and ended after their maximum time.</summary>
public sealed class LiveViewLimitsTests : IClassFixture<LiveViewLimitsTests.ShortStreamsApp>
{
    private readonly ShortStreamsApp _app;

    public LiveViewLimitsTests(ShortStreamsApp app)
    {
        _app = app;
        _app.Clock.Set(Wednesday8am.AddHours(1));
    }

    /// <summary>Two streams per client address, keep-alive after 300 ms of silence, streams end after 3 s.</summary>
    public sealed class ShortStreamsApp : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Appointments:LiveViewMaxStreamsPerClient"] = "2",
            ["Appointments:LiveViewKeepAlive"] = "00:00:00.300",
            ["Appointments:LiveViewMaxDuration"] = "00:00:03",
        };
    }

    [Fact]
    public async Task A_third_stream_from_one_address_is_refused_with_429_and_a_closed_one_frees_its_place()
    {
        var office = await CreateOfficeAsync(_app);
        var path = $"/api/public/appointments/offices/{Id(office)}/now-serving/stream";
        using var anonymous = _app.CreateClient();
        var first = await anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var second = await anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var third = await anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        // The status first: a stream that was let in never ends, so its body must not be read.
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await ApiAssert.ProblemAsync(third, HttpStatusCode.TooManyRequests, "appointments.live_view_busy");
        Assert.Contains("quá nhiều", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        first.Dispose();
        var again = await Eventually.GetAsync(async () =>
        {
            var response = await anonymous.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                response.Dispose();
            }

            return response;
        }, response => response.StatusCode == HttpStatusCode.OK, waitingFor: "a place freed by the closed stream");
        again.Dispose();
    }

    [Fact]
    public async Task A_quiet_stream_gets_keep_alive_comments_and_ends_at_its_maximum_time()
    {
        var office = await CreateOfficeAsync(_app);
        using var anonymous = _app.CreateClient();
        // The other test's streams from this address are freed once the server sees them closed: until then this
        // address may be at its cap (429), so the stream is opened when a place is free.
        var started = DateTime.UtcNow;
        using var stream = await Eventually.GetAsync(
            async () =>
            {
                started = DateTime.UtcNow;
                var opened = await anonymous.GetAsync($"/api/public/appointments/offices/{Id(office)}/now-serving/stream", HttpCompletionOption.ResponseHeadersRead);
                if (opened.StatusCode != HttpStatusCode.OK)
                {
                    opened.Dispose();
                }

                return opened;
            },
            opened => opened.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15),
            "a place for a live view stream");
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        var readTo = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var read = reader.ReadLineAsync();
            if (await Task.WhenAny(read, Task.Delay(readTo - DateTime.UtcNow)) != read)
            {
                Assert.Fail($"The stream was still open after 20 s: {string.Join(" | ", lines.TakeLast(5))}");
            }

            if (await read is not { } line)
            {
                break;
            }

            lines.Add(line);
        }

        // The stream ended by itself (the server's maximum time), after the screen and keep-alive comments in the silence.
        var lasted = DateTime.UtcNow - started;
        Assert.True(lasted >= TimeSpan.FromSeconds(2.5) && lasted < TimeSpan.FromSeconds(15), $"The stream lasted {lasted}.");
        Assert.Equal("event: now-serving", lines[0]);
        Assert.StartsWith("data: {", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Count(l => l == ": keep-alive") >= 3, string.Join(" | ", lines));
    }
}
