using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Issues the day's numbers of a service group: the number comes from the group's counter row (<see cref="QueueTally"/>), so
/// concurrent requests on any instance get consecutive numbers without repeats. The ticket is saved
/// on the caller's session with whatever the caller staged there and in <c>alongside</c>. Returned with it: how many were
/// ahead of it when its number was taken (<see cref="QueueTally.TakenNumber"/>), for <see cref="QueueReader.DescribeAsync(QueueTicket, bool, QueueTally.Reading?, CancellationToken)"/>.
/// What the database must say before a number is given (a blocked day, the citizen's ticket already waiting, an earlier
/// answer to the request's key) is read by the statement that takes the number (<see cref="QueueTally.TryTakeNumberAsync"/>).
/// </summary>
internal sealed class TicketIssuer(IAppointmentsStore store, QueueSignals signals, TimeProvider clock)
{
    public async Task<TicketIssue> IssueAsync(IDocumentSession session, Office office, TicketOrder order, Action<QueueTicket>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(order);
        var group = office.ServiceGroups.SingleOrDefault(g => g.Id == order.ServiceGroupId);
        if (group is null)
        {
            return TicketIssue.Refused(Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này."));
        }

        var (today, now) = OfficeTime.Now(clock);
        var hours = office.OpeningHours.FirstOrDefault(h => h.Day == today.DayOfWeek);
        if (hours is null)
        {
            return TicketIssue.Refused(ClosedToday());
        }

        if (now < hours.Opens.AddHours(-1) || now >= hours.Closes)
        {
            return TicketIssue.Refused(Problems.BusinessRule("appointments.outside_hours",
                $"Chỉ lấy số trong ngày làm việc, từ {hours.Opens.AddHours(-1):HH\\:mm} đến {hours.Closes:HH\\:mm}."));
        }

        // Taken in a statement of its own (the counter row stays locked for that statement only); a request
        // that fails after this leaves a gap, as a voided paper ticket does.
        var attempt = await QueueTally.TryTakeNumberAsync(store, office.Id, group.Id, today,
            new QueueTally.NumberConditions(order.IdempotencyRecordId, order.OneTicketPerCitizen ? order.CitizenId : null), cancellationToken);
        if (attempt.Earlier is not null)
        {
            return new TicketIssue(null, null, null, attempt.Earlier);
        }

        if (attempt.AlreadyWaiting)
        {
            return TicketIssue.Refused(Problems.Conflict("appointments.ticket_already_taken", "Bạn đang có một số chờ của nhóm dịch vụ này hôm nay."));
        }

        if (attempt.Taken is not { } taken)
        {
            // Nothing else stops the statement: the office's day is blocked.
            return TicketIssue.Refused(ClosedToday());
        }

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
        return new TicketIssue(ticket, taken.AheadOf(ticket), null, null);
    }

    private static ProblemHttpResult ClosedToday() =>
        Problems.BusinessRule("appointments.office_closed_today", "Hôm nay bộ phận một cửa không làm việc, chưa cấp số.");
}

/// <summary>
/// The ticket asked for: the group, where it was asked (the mini app, the kiosk, a booking's check-in), the priority and
/// how it is proven, the citizen and booking when there are.
/// </summary>
internal sealed record TicketOrder(Guid ServiceGroupId, TicketChannel Channel, PriorityReason Priority, PriorityCheck PriorityCheck)
{
    public Guid? CitizenId { get; init; }

    public Guid? BookingId { get; init; }

    /// <summary>The citizen's own request: refused while they have a ticket of the group waiting or called today.</summary>
    public bool OneTicketPerCitizen { get; init; }

    /// <summary>The record of the request's first answer (its Idempotency-Key): when it exists, no number is taken and it is returned.</summary>
    public string? IdempotencyRecordId { get; init; }
}

/// <summary>
/// What <see cref="TicketIssuer.IssueAsync"/> did: the ticket saved (with how many were ahead of it when its number was
/// taken), the refusal, or the earlier answer to the same Idempotency-Key (nothing issued).
/// </summary>
internal sealed record TicketIssue(QueueTicket? Ticket, QueueTally.Reading? AtIssue, ProblemHttpResult? Problem, IdempotencyRecord? Earlier)
{
    public static TicketIssue Refused(ProblemHttpResult problem) => new(null, null, problem, null);
}
