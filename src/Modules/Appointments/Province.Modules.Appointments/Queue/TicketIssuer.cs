using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Issues the day's numbers of a service group: the number comes from <see cref="DailyCounter"/>
/// inside the ticket's transaction, so concurrent requests on any instance get consecutive numbers
/// without gaps or repeats.
/// </summary>
internal sealed class TicketIssuer(AppointmentsDbContext db, QueueSignals signals, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<(QueueTicket? Ticket, ProblemHttpResult? Problem)> IssueAsync(
        Office office, Guid serviceGroupId, TicketChannel channel, PriorityReason priority, Guid? citizenId, Guid? bookingId,
        Action<QueueTicket>? alongside, CancellationToken cancellationToken)
    {
        var group = office.ServiceGroups.SingleOrDefault(g => g.Id == serviceGroupId);
        if (group is null)
        {
            return (null, Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này."));
        }

        var (today, now) = OfficeTime.Now(clock);
        var hours = office.OpeningHours.FirstOrDefault(h => h.Day == today.DayOfWeek);
        if (hours is null || await db.BlockedDays.AnyAsync(b => b.OfficeId == office.Id && b.Day == today, cancellationToken))
        {
            return (null, Problems.BusinessRule("appointments.office_closed_today", "Hôm nay bộ phận một cửa không làm việc, chưa cấp số."));
        }

        if (now < hours.Opens.AddHours(-1) || now >= hours.Closes)
        {
            return (null, Problems.BusinessRule("appointments.outside_hours",
                $"Chỉ lấy số trong ngày làm việc, từ {hours.Opens.AddHours(-1):HH\\:mm} đến {hours.Closes:HH\\:mm}."));
        }

        // Taken before the transaction opens: a request never waits for a second pooled connection while holding one.
        var number = await DailyCounter.TakeAsync<TicketSequence, AppointmentsDbContext>(db, scopes, nameof(TicketSequence.Scope), $"{office.Id:N}:{group.Id:N}", today, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
            IssuedAt = clock.GetUtcNow(),
        };
        db.Tickets.Add(ticket);
        alongside?.Invoke(ticket);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signals.ChangedAsync(office.Id, cancellationToken);
        return (ticket, null);
    }
}
