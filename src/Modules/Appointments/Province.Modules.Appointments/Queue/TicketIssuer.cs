using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Marten.Services.BatchQuerying;
using Province.BuildingBlocks.Errors;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Issues the day's numbers of a service group: the number comes from the group's counter row (<see cref="QueueTally"/>), so
/// concurrent requests on any instance get consecutive numbers without repeats. The ticket is saved
/// on the caller's session with whatever the caller staged there and in <c>alongside</c>. Returned with it: how many were
/// ahead of it when its number was taken (<see cref="QueueTally.TakenNumber"/>), for <see cref="QueueReader.DescribeAsync(QueueTicket, bool, QueueTally.Reading?, CancellationToken)"/>.
/// </summary>
internal sealed class TicketIssuer(IAppointmentsStore store, QueueSignals signals, TimeProvider clock)
{
    public async Task<(QueueTicket? Ticket, QueueTally.Reading? AtIssue, ProblemHttpResult? Problem)> IssueAsync(
        IDocumentSession session, Office office, TicketOrder order, Action<QueueTicket>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var group = office.ServiceGroups.SingleOrDefault(g => g.Id == order.ServiceGroupId);
        if (group is null)
        {
            return (null, null, Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này."));
        }

        var (today, now) = OfficeTime.Now(clock);
        var hours = office.OpeningHours.FirstOrDefault(h => h.Day == today.DayOfWeek);
        if (hours is null || (order.BlockedToday ?? await session.LoadAsync<BlockedDay>(BlockedDays.IdFor(office.Id, today), cancellationToken) is not null))
        {
            return (null, null, Problems.BusinessRule("appointments.office_closed_today", "Hôm nay bộ phận một cửa không làm việc, chưa cấp số."));
        }

        if (now < hours.Opens.AddHours(-1) || now >= hours.Closes)
        {
            return (null, null, Problems.BusinessRule("appointments.outside_hours",
                $"Chỉ lấy số trong ngày làm việc, từ {hours.Opens.AddHours(-1):HH\\:mm} đến {hours.Closes:HH\\:mm}."));
        }

        // Taken in a statement of its own (the counter row stays locked for that statement only); a request
        // that fails after this leaves a gap, as a voided paper ticket does.
        var taken = await QueueTally.TakeNumberAsync(store, office.Id, group.Id, today, cancellationToken);
        var number = taken.Number;
        var ticket = new QueueTicket
        {
            OfficeId = office.Id,
            ServiceGroupId = group.Id,
            Day = today,
            Number = number,
            Display = $"{group.Code}-{number.ToString("D3", CultureInfo.InvariantCulture)}",
            CitizenId = order.CitizenId,
            BookingId = order.BookingId,
            Channel = order.Channel,
            Priority = order.Priority,
            PriorityCheck = order.PriorityCheck,
            IssuedAt = clock.GetUtcNow().ToUniversalTime(),
        };
        session.Insert(ticket);
        QueueTally.Track(session, QueueTally.Share.None, ticket);
        alongside?.Invoke(ticket);
        await session.SaveChangesAsync(cancellationToken);
        await signals.ChangedAsync(office.Id, cancellationToken);
        return (ticket, taken.AheadOf(ticket), null);
    }

    /// <summary>Whether the office does not serve today (a blocked day), read in the caller's batch.</summary>
    public Task<BlockedDay?> BlockedToday(IBatchedQuery batch, Guid officeId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Load<BlockedDay>(BlockedDays.IdFor(officeId, OfficeTime.Now(clock).Day));
    }
}

/// <summary>
/// The ticket asked for: the group, where it was asked (the mini app, the kiosk, a booking's check-in), the priority and
/// how it is proven, the citizen and booking when there are. A caller that has read whether the office's day is blocked
/// already (in a batch with its own reads, see <see cref="TicketIssuer.BlockedToday"/>) says so in
/// <see cref="BlockedToday"/>, which saves a round trip; otherwise it is read when the ticket is issued.
/// </summary>
internal sealed record TicketOrder(Guid ServiceGroupId, TicketChannel Channel, PriorityReason Priority, PriorityCheck PriorityCheck)
{
    public Guid? CitizenId { get; init; }

    public Guid? BookingId { get; init; }

    public bool? BlockedToday { get; init; }
}
