using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue.Kiosk;

namespace Province.Modules.Appointments.Queue.NowServing;

/// <summary>
/// The number being served per service group: a plain GET, and a server-sent event stream that
/// pushes the screen again whenever it changes (a call on this instance wakes it at once; changes on
/// other instances arrive within <c>Appointments:LiveViewRefresh</c>).
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

        publicApi.MapGet("/offices/{officeId:guid}/now-serving/stream", async Task<Results<ServerSentEventsResult<NowServingResponse>, ProblemHttpResult>> (
                Guid officeId, IAppointmentsStore store, IServiceScopeFactory scopes, QueueSignals signals, IOptions<AppointmentsSettings> settings, CancellationToken cancellationToken) =>
            {
                var office = await KioskEndpoints.LoadAsync(store, officeId, cancellationToken);
                return office is null
                    ? OfficeAccess.OfficeNotFound()
                    : TypedResults.ServerSentEvents(Stream(office, scopes, signals, settings.Value.LiveViewRefresh, cancellationToken));
            })
            .WithName("StreamNowServing")
            .WithSummary("Luồng sự kiện (text/event-stream) \"now-serving\": gửi lại màn hình số mỗi khi có thay đổi.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
    }

    private static async IAsyncEnumerable<SseItem<NowServingResponse>> Stream(
        Office office, IServiceScopeFactory scopes, QueueSignals signals, TimeSpan refresh, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            NowServingResponse screen;
            await using (var scope = scopes.CreateAsyncScope())
            {
                screen = await scope.ServiceProvider.GetRequiredService<QueueReader>().NowServingAsync(office, cancellationToken);
            }

            var json = JsonSerializer.Serialize(screen, JsonSerializerOptions.Web);
            if (json != last)
            {
                last = json;
                yield return new SseItem<NowServingResponse>(screen, "now-serving");
            }

            await signals.WaitAsync(office.Id, refresh, cancellationToken);
        }
    }
}
