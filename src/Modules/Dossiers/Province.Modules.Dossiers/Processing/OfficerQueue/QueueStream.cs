using System.Net.ServerSentEvents;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>
/// The staff queue's live news: an event each time a dossier enters the queue of the reader's agency (on any host),
/// so the open queue page offers to reload. The event names the agency and nothing of the dossier or its applicant;
/// the page reads the queue itself, with the reader's own authorization.
/// </summary>
internal static class QueueStreamEndpoint
{
    public static void MapStaffQueueStream(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/queue/stream", Results<QueueStream, ProblemHttpResult> (Guid? agencyId, ClaimsPrincipal user) =>
            {
                // The queue's own rule: staff hear of their own agency; an administrator of one agency or of all.
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("dossier.agency_forbidden", "Bạn chỉ xem được hàng đợi hồ sơ của cơ quan mình.");
                }

                return new QueueStream(agency);
            })
            .WithName("StreamStaffDossierQueue")
            .WithSummary("Luồng sự kiện (text/event-stream) \"dossier-queued\": báo mỗi khi có hồ sơ mới vào hàng đợi của cơ quan mình " +
                "(quản trị viên: agencyId hoặc mọi cơ quan); sự kiện chỉ mang mã cơ quan, không mang thông tin hồ sơ; dòng chú thích giữ kết nối, " +
                "máy chủ đóng luồng sau 30 phút (trình duyệt tự kết nối lại).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);
}

/// <summary>What a "dossier-queued" event carries: the agency whose queue got a dossier, nothing else.</summary>
internal sealed record DossierQueuedEvent(Guid AgencyId);

internal sealed class QueueStream(Guid? agencyId) : IResult, IEndpointMetadataProvider
{
    /// <summary>The live change of an agency's dossier queue; its key is the agency id.</summary>
    public const string Topic = "dossiers/queue";

    public const string EventName = "dossier-queued";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SseItem<DossierQueuedEvent>), ["text/event-stream"]));
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
        var key = agencyId?.ToString() ?? LiveChanges.AnyKey;
        try
        {
            var seen = live.Cursor(Topic, key);
            // A first comment so the client knows it is connected (and proxies send the headers on).
            await WriteAsync(response, ": connected\n\n", cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = await live.WaitAsync(Topic, key, seen, KeepAlive, cancellationToken);
                if (now.Version != seen.Version)
                {
                    // Several dossiers in one wake are one event: the page offers one reload either way.
                    var data = agencyId is { } agency ? $"{{\"agencyId\":\"{agency}\"}}" : "{\"agencyId\":null}";
                    await WriteAsync(response, $"event: {EventName}\ndata: {data}\n\n", cancellationToken);
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
