using System.Net.ServerSentEvents;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue.Kiosk;

namespace Province.Modules.Appointments.Queue.NowServing;

/// <summary>
/// The number being served per service group: a plain GET, and a server-sent event stream (<see cref="NowServingStream"/>)
/// that pushes the screen again whenever it changes, capped in number per client address and in all.
/// </summary>
internal static class NowServingEndpoints
{
    public static void MapNowServing(this IEndpointRouteBuilder publicApi)
    {
        publicApi.MapGet("/offices/{officeId:guid}/now-serving", async Task<Results<Ok<NowServingResponse>, ProblemHttpResult>> (
                Guid officeId, IAppointmentsStore store, QueueReader reader, CancellationToken cancellationToken) =>
            {
                var office = await KioskEndpoints.LoadAsync(store, officeId, cancellationToken);
                return office is null ? OfficeAccess.OfficeNotFound() : TypedResults.Ok(await reader.NowServingAsync(office, cancellationToken));
            })
            .WithName("GetNowServing")
            .WithSummary("Số đang được phục vụ ở từng nhóm dịch vụ, số người đang chờ.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous)
            // The morning rush: everyone waiting polls the same screen; a call or a new ticket here evicts it.
            .CachePublicly(TimeSpan.FromSeconds(2), QueueSignals.NowServingCacheTag);

        publicApi.MapGet("/offices/{officeId:guid}/now-serving/stream", async Task<Results<NowServingStream, ProblemHttpResult>> (
                Guid officeId, HttpContext context, IAppointmentsStore store, LiveViewStreams streams, CancellationToken cancellationToken) =>
            {
                var office = await KioskEndpoints.LoadAsync(store, officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                var place = streams.TryOpen(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                if (place is null)
                {
                    context.Response.Headers.RetryAfter = "30";
                    return Problems.Create(StatusCodes.Status429TooManyRequests, "appointments.live_view_busy", "Quá nhiều kết nối",
                        "Đang có quá nhiều màn hình theo dõi số thứ tự được mở; vui lòng thử lại sau ít phút hoặc xem số đang phục vụ bằng cách tải lại trang.");
                }

                return new NowServingStream(office, place);
            })
            .WithName("StreamNowServing")
            .WithSummary("Luồng sự kiện (text/event-stream) \"now-serving\": gửi lại màn hình số mỗi khi có thay đổi, dòng chú thích giữ kết nối; " +
                "máy chủ đóng luồng sau thời gian tối đa (trình duyệt tự kết nối lại); 429 khi quá số luồng cho phép.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
    }
}

/// <summary>
/// The live view's answer: the screen as an event whenever it changes (a change on any host wakes it at once through
/// <see cref="QueueSignals"/>; nothing polls), a comment line after <c>LiveViewKeepAlive</c> of silence (the screen is
/// read again then too, in case a wake-up was lost with a crashed host), and
/// the end after <c>LiveViewMaxDuration</c> (EventSource reconnects by itself; a stream never holds a connection for
/// good). Holds its place in <see cref="LiveViewStreams"/> until it ends.
/// </summary>
internal sealed class NowServingStream(Office office, IDisposable place) : IResult, IEndpointMetadataProvider
{
    public const string EventName = "now-serving";

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SseItem<NowServingResponse>), ["text/event-stream"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var _ = place;
        var services = httpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<AppointmentsSettings>>().Value;
        var signals = services.GetRequiredService<QueueSignals>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var clock = services.GetRequiredService<TimeProvider>();

        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.ContentEncoding = "identity";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var ends = new CancellationTokenSource(settings.LiveViewMaxDuration, clock);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, ends.Token);
        var cancellationToken = stream.Token;
        var keepAlive = settings.LiveViewKeepAlive;
        string? last = null;
        var lastWrite = clock.GetTimestamp();
        try
        {
            await response.Body.FlushAsync(cancellationToken);
            var seen = signals.Cursor(office.Id);
            while (!cancellationToken.IsCancellationRequested)
            {
                NowServingResponse screen;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    screen = await scope.ServiceProvider.GetRequiredService<QueueReader>().NowServingAsync(office, cancellationToken);
                }

                var data = JsonSerializer.Serialize(screen, json);
                if (data != last)
                {
                    last = data;
                    await WriteAsync(response, $"event: {EventName}\ndata: {data}\n\n", cancellationToken);
                    lastWrite = clock.GetTimestamp();
                }
                else if (clock.GetElapsedTime(lastWrite) >= keepAlive)
                {
                    // A comment: EventSource ignores it; proxies and mobile networks see a live connection.
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                    lastWrite = clock.GetTimestamp();
                }

                seen = await signals.WaitAsync(office.Id, seen, keepAlive, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, or the stream reached its maximum time: either way it simply ends.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
