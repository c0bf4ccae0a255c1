using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Marten.Services.BatchQuerying;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Issues the day's numbers of a service group: the number comes from <see cref="DailyCounter"/>, so
/// concurrent requests on any instance get consecutive numbers without repeats. The ticket is saved
/// on the caller's session with whatever the caller staged there and in <c>alongside</c>. A caller that has read whether
/// the office's day is blocked already (in a batch with its own reads, see <see cref="BlockedToday"/>) passes it as
/// <c>blockedToday</c>, which saves a round trip; otherwise it is read here.
/// </summary>
internal sealed class TicketIssuer(IAppointmentsStore store, QueueSignals signals, TimeProvider clock)
{
    public async Task<(QueueTicket? Ticket, ProblemHttpResult? Problem)> IssueAsync(
        IDocumentSession session, Office office, Guid serviceGroupId, TicketChannel channel, PriorityReason priority, PriorityCheck priorityCheck, Guid? citizenId, Guid? bookingId,
        Action<QueueTicket>? alongside, CancellationToken cancellationToken, bool? blockedToday = null)
    {
        var group = office.ServiceGroups.SingleOrDefault(g => g.Id == serviceGroupId);
        if (group is null)
        {
            return (null, Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này."));
        }

        var (today, now) = OfficeTime.Now(clock);
        var hours = office.OpeningHours.FirstOrDefault(h => h.Day == today.DayOfWeek);
        if (hours is null || (blockedToday ?? await session.LoadAsync<BlockedDay>(BlockedDays.IdFor(office.Id, today), cancellationToken) is not null))
        {
            return (null, Problems.BusinessRule("appointments.office_closed_today", "Hôm nay bộ phận một cửa không làm việc, chưa cấp số."));
        }

        if (now < hours.Opens.AddHours(-1) || now >= hours.Closes)
        {
            return (null, Problems.BusinessRule("appointments.outside_hours",
                $"Chỉ lấy số trong ngày làm việc, từ {hours.Opens.AddHours(-1):HH\\:mm} đến {hours.Closes:HH\\:mm}."));
        }

        // Taken in a statement of its own (the counter row stays locked for that statement only); a request
        // that fails after this leaves a gap, as a voided paper ticket does.
        var number = await DailyCounter.TakeAsync(store, IAppointmentsStore.TicketNumbers, $"{office.Id:N}:{group.Id:N}", today, cancellationToken);
        var ticket = new QueueTicket
        {
            OfficeId = office.Id,
            ServiceGroupId = group.Id,
            Day = today,
            Number = number,
            Display = $"{group.Code}-{number.ToString("D3", CultureInfo.InvariantCulture)}",
            CitizenId = citizenId,
            BookingId = bookingId,
            Channel = channel,
            Priority = priority,
            PriorityCheck = priorityCheck,
            IssuedAt = clock.GetUtcNow().ToUniversalTime(),
        };
        session.Insert(ticket);
        alongside?.Invoke(ticket);
        await session.SaveChangesAsync(cancellationToken);
        await signals.ChangedAsync(office.Id, cancellationToken);
        return (ticket, null);
    }

    /// <summary>Whether the office does not serve today (a blocked day), read in the caller's batch.</summary>
    public Task<BlockedDay?> BlockedToday(IBatchedQuery batch, Guid officeId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Load<BlockedDay>(BlockedDays.IdFor(officeId, OfficeTime.Now(clock).Day));
    }
}
