using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue.Kiosk;

namespace Province.Modules.Appointments.Queue.Counters;

internal static class CallNextEndpoint
{
    public static void MapCallNext(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/offices/{officeId:guid}/counters/{counterId:guid}/call-next", async Task<Results<Ok<TicketResponse>, NoContent, ProblemHttpResult>> (
                Guid officeId, Guid counterId, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals,
                IOptions<AppointmentsSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var office = await KioskEndpoints.LoadAsync(store, officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var counter = office.Counters.SingleOrDefault(c => c.Id == counterId);
                if (counter is null)
                {
                    return Problems.NotFound("appointments.counter_not_found", "Không tìm thấy quầy này.");
                }

                var (today, _) = OfficeTime.Now(clock);
                var groups = counter.ServiceGroupIds;

                // Another counter may take the same ticket at the same moment: the ticket's revision lets exactly
                // one save win; the loser reads the queue again and tries the next ticket.
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    await using var session = store.LightweightSession();
                    var waiting = await QueueReader.WaitingAsync(session, officeId, today, cancellationToken);
                    var next = QueueReader.InCallingOrder(
                            waiting.Where(t => groups.Contains(t.ServiceGroupId) && (t.CounterId == null || t.CounterId == counterId)), counterId)
                        .FirstOrDefault();
                    if (next is null)
                    {
                        return TypedResults.NoContent();
                    }

                    var now = clock.GetUtcNow().ToUniversalTime();
                    var before = QueueTally.Share.Of(next);
                    next.Status = TicketStatus.Called;
                    next.CounterId = counterId;
                    next.CalledAt = now;
                    next.Version++;
                    session.UpdateRevision(next, next.Revision + 1);
                    QueueTally.Track(session, before, next);
                    if (next.CitizenId is { } citizenId)
                    {
                        session.PublishIntegrationEvent(new QueueTicketCalled(Guid.CreateVersion7(), now, next.Id, next.Display, citizenId, officeId, counter.Name));
                    }

                    NotifyNearlyCalled(session, office, waiting.Where(t => t.ServiceGroupId == next.ServiceGroupId && t.Id != next.Id),
                        settings.Value.NearlyCalledAhead, now);
                    try
                    {
                        await session.SaveChangesAsync(cancellationToken);
                    }
                    catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
                    {
                        continue;
                    }

                    await signals.ChangedAsync(officeId, cancellationToken);
                    return TypedResults.Ok(await reader.DescribeAsync(next, forStaff: true, cancellationToken));
                }

                return Problems.Conflict("appointments.call_contended", "Nhiều quầy cùng gọi số; vui lòng bấm gọi lại.");
            })
            .WithName("CallNextTicket")
            .WithSummary("Quầy gọi số tiếp theo: số chuyển đến quầy này trước, rồi số ưu tiên, rồi theo thứ tự số. 204 khi không còn ai chờ.")
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>Tells the next few waiting citizens of the group (once each) that their turn is near.</summary>
    private static void NotifyNearlyCalled(IDocumentSession session, Office office, IEnumerable<QueueTicket> stillWaiting, int threshold, DateTimeOffset now)
    {
        var upcoming = QueueReader.InCallingOrder(stillWaiting, null).Take(threshold + 1).ToList();
        for (var ahead = 0; ahead < upcoming.Count; ahead++)
        {
            var ticket = upcoming[ahead];
            if (ticket.NearNotified || ticket.CitizenId is null)
            {
                continue;
            }

            ticket.NearNotified = true;
            session.UpdateRevision(ticket, ticket.Revision + 1);
            session.PublishIntegrationEvent(new QueueTicketNearlyCalled(Guid.CreateVersion7(), now, ticket.Id, ticket.Display, ticket.CitizenId.Value, office.Name, ahead));
        }
    }
}
