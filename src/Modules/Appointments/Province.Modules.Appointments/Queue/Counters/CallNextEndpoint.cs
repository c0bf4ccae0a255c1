using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue.Kiosk;

namespace Province.Modules.Appointments.Queue.Counters;

internal static class CallNextEndpoint
{
    public static void MapCallNext(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/offices/{officeId:guid}/counters/{counterId:guid}/next", async Task<Results<Ok<TicketResponse>, NoContent, ProblemHttpResult>> (
                Guid officeId, Guid counterId, ClaimsPrincipal user, AppointmentsDbContext db, QueueReader reader, QueueSignals signals,
                IOptions<AppointmentsSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var office = await KioskEndpoints.LoadAsync(db, officeId, cancellationToken);
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
                var waiting = db.Tickets.Where(t => t.OfficeId == officeId && t.Day == today && t.Status == TicketStatus.Waiting
                    && groups.Contains(t.ServiceGroupId) && (t.CounterId == null || t.CounterId == counterId));

                // Another counter may take the same ticket at the same moment: the conditional UPDATE
                // (still Waiting, same version) lets exactly one win; the loser tries the next ticket.
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    var next = await QueueReader.InCallingOrder(waiting, counterId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
                    if (next is null)
                    {
                        return TypedResults.NoContent();
                    }

                    var now = clock.GetUtcNow();
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var claimed = await db.Tickets.Where(t => t.Id == next.Id && t.Status == TicketStatus.Waiting && t.Version == next.Version)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(t => t.Status, TicketStatus.Called)
                            .SetProperty(t => t.CounterId, counterId)
                            .SetProperty(t => t.CalledAt, now)
                            .SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
                    if (claimed == 0)
                    {
                        continue;
                    }

                    if (next.CitizenId is { } citizenId)
                    {
                        db.AddIntegrationEvent(new QueueTicketCalled(Guid.CreateVersion7(), now, next.Id, next.Display, citizenId, officeId, counter.Name));
                    }

                    await NotifyNearlyCalledAsync(db, office, next.ServiceGroupId, today, settings.Value.NearlyCalledAhead, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    await signals.ChangedAsync(officeId, cancellationToken);
                    var called = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == next.Id, cancellationToken);
                    return TypedResults.Ok(await reader.DescribeAsync(called, cancellationToken));
                }

                return Problems.Conflict("appointments.call_contended", "Nhiều quầy cùng gọi số; vui lòng bấm gọi lại.");
            })
            .WithName("CallNextTicket")
            .WithSummary("Quầy gọi số tiếp theo: số chuyển đến quầy này trước, rồi số ưu tiên, rồi theo thứ tự số. 204 khi không còn ai chờ.")
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>Tells the next few waiting citizens (once each) that their turn is near.</summary>
    private static async Task NotifyNearlyCalledAsync(AppointmentsDbContext db, Office office, Guid groupId, DateOnly today, int threshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upcoming = await QueueReader.InCallingOrder(
                db.Tickets.Where(t => t.OfficeId == office.Id && t.ServiceGroupId == groupId && t.Day == today && t.Status == TicketStatus.Waiting), null)
            .Take(threshold + 1)
            .ToListAsync(cancellationToken);
        for (var ahead = 0; ahead < upcoming.Count; ahead++)
        {
            var ticket = upcoming[ahead];
            if (ticket.NearNotified || ticket.CitizenId is null)
            {
                continue;
            }

            ticket.NearNotified = true;
            db.AddIntegrationEvent(new QueueTicketNearlyCalled(Guid.CreateVersion7(), now, ticket.Id, ticket.Display, ticket.CitizenId.Value, office.Name, ahead));
        }
    }
}
