using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Hosting;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>One API request at work at a time, one more waiting: the bound and its queue made small enough to see.</summary>
public sealed class OneApiRequestAtATimeApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Http:MaxConcurrentApiRequests"] = "1",
        ["Http:MaxQueuedApiRequests"] = "1",
    };
}

/// <summary>Issue 17: the API requests at work at once are bounded; the rest wait their turn, and past the queue get 503.</summary>
public sealed class RequestConcurrencyTests(OneApiRequestAtATimeApp app) : IClassFixture<OneApiRequestAtATimeApp>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Past_the_bound_an_API_request_waits_its_turn_one_past_the_queue_gets_503_and_pages_are_not_bounded()
    {
        // Without the redirect handler, which would read the whole body before sending it (to send it again on a redirect).
        using var citizen = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = app.ClientOptions.BaseAddress });
        citizen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.ZaloAccessTokenAsync("zalo-concurrency-holder", "Lê Văn Chờ"));
        using var anonymous = app.CreateClient();
        // The one place is held by a request whose body has not finished arriving (its endpoint is reading it).
        using var body = new HeldBody("{\"officeId\":\"");
        using var held = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets") { Content = body };
        held.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var holding = citizen.SendAsync(held);
        var concurrency = app.Services.GetRequiredService<ApiRequestConcurrency>();
        await Eventually.GetAsync(() => Task.FromResult(Figures(concurrency)), now => now.Free == 0,
            waitingFor: "the held request to take the only place");

        var waiting = anonymous.GetAsync("/api/public/identity/agencies");
        await Eventually.GetAsync(() => Task.FromResult(Figures(concurrency)), now => now.Waiting == 1,
            waitingFor: "the second request to wait in the queue");
        using var refused = await anonymous.GetAsync("/api/public/identity/agencies").WaitAsync(Deadline);

        var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "request.server_busy");
        Assert.Contains("quá nhiều yêu cầu", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.False(waiting.IsCompleted, "The second request was answered while the first still held the only place.");
        // The back office's pages are outside the bound (their own API calls are inside it): answered with the queue full.
        using var page = await anonymous.GetAsync("/staff/sign-in").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        body.Finish("00000000-0000-0000-0000-000000000000\",\"serviceGroupId\":\"00000000-0000-0000-0000-000000000000\"}");
        using var holderAnswer = await holding.WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.BadRequest, holderAnswer.StatusCode);
        using var waitedAnswer = await waiting.WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, waitedAnswer.StatusCode);
        Assert.NotEmpty((await waitedAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_live_view_holds_no_place()
    {
        using var anonymous = app.CreateClient();
        var office = (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray().First();
        using var stream = await anonymous.GetAsync($"/api/public/appointments/offices/{office.GetProperty("id").GetGuid()}/now-serving/stream",
            HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        // With the stream open, the one place is free: an API request is answered at once.
        var asking = anonymous.GetAsync("/api/public/identity/agencies");
        if (await Task.WhenAny(asking, Task.Delay(Deadline)) != asking)
        {
            Assert.Fail($"An API request still waited after {Deadline.TotalSeconds} s beside an open live view: {Figures(app.Services.GetRequiredService<ApiRequestConcurrency>())} (free, waiting).");
        }

        using var answered = await asking;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private static (long Free, long Waiting) Figures(ApiRequestConcurrency concurrency) =>
        (concurrency.Statistics!.CurrentAvailablePermits, concurrency.Statistics.CurrentQueuedCount);

    /// <summary>A request body that sends its beginning, then waits until the test finishes it.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly string _beginning;

        public HeldBody(string beginning)
        {
            _beginning = beginning;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        private readonly TaskCompletionSource<string> _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish(string rest) => _rest.SetResult(rest);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_beginning));
            await stream.FlushAsync();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(await _rest.Task));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
