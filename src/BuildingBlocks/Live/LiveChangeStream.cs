using System.Net.ServerSentEvents;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Live;

/// <summary>
/// A staff page's live news as server-sent events: the event <paramref name="eventName"/> each time
/// <paramref name="topic"/>/<paramref name="key"/> changes on any host, so the open page offers to reload. Its
/// <paramref name="data"/> (the JSON of a <typeparamref name="TEvent"/>) names what changed and nothing more: the page
/// reads what it shows itself, with the reader's own authorization. A comment line keeps the connection alive; the
/// stream ends after 30 minutes (EventSource reconnects by itself).
/// </summary>
public sealed class LiveChangeStream<TEvent>(string topic, string key, string eventName, string data) : IResult, IEndpointMetadataProvider
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SseItem<TEvent>), ["text/event-stream"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var live = httpContext.RequestServices.GetRequiredService<LiveChanges>();
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.ContentEncoding = "identity";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var ends = new CancellationTokenSource(MaxDuration, TimeProvider.System);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, ends.Token);
        var cancellationToken = stream.Token;
        try
        {
            var seen = live.Cursor(topic, key);
            // A first comment so the client knows it is connected (and proxies send the headers on).
            await WriteAsync(response, ": connected\n\n", cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = await live.WaitAsync(topic, key, seen, KeepAlive, cancellationToken);
                if (now.Version != seen.Version)
                {
                    // Several changes in one wake are one event: the page offers one reload either way.
                    await WriteAsync(response, $"event: {eventName}\ndata: {data}\n\n", cancellationToken);
                }
                else if (now == seen)
                {
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                }

                // A reconnection of the listener (only the epoch moved) tells nothing certain: no event, no false banner.
                seen = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, or the stream reached its maximum time.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
