using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Reminders;

/// <summary>
/// Raises <see cref="AppointmentReminderDue"/> once per confirmed booking, <c>ReminderLeadTime</c>
/// before it starts. A conditional UPDATE of <c>ReminderSent</c> claims each reminder, saved with its
/// outbox row, so several instances never send it twice.
/// </summary>
internal sealed class ReminderWatcher(IServiceScopeFactory scopeFactory, IOptions<AppointmentsSettings> settings, TimeProvider clock, ILogger<ReminderWatcher> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.ReminderScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppointmentsDbContext>();
        var now = Clock.GetUtcNow();
        var horizon = now + settings.Value.ReminderLeadTime;
        var (today, _) = OfficeTime.Now(Clock);
        var lastDay = DateOnly.FromDateTime(BuildingBlocks.Time.VietnamTime.ToVietnamTime(horizon).DateTime);
        var candidates = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Approved && !b.ReminderSent && b.Day >= today && b.Day <= lastDay)
            .ToListAsync(cancellationToken);
        var offices = await db.Offices.AsNoTracking().Include(o => o.ServiceGroups).ToDictionaryAsync(o => o.Id, cancellationToken);
        var sent = 0;
        foreach (var booking in candidates)
        {
            var startsAt = OfficeTime.StartsAt(booking.Day, booking.Start);
            if (startsAt <= now || startsAt > horizon)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Bookings.Where(b => b.Id == booking.Id && !b.ReminderSent)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ReminderSent, true), cancellationToken);
            if (claimed == 1)
            {
                var office = offices[booking.OfficeId];
                db.AddIntegrationEvent(new AppointmentReminderDue(Guid.CreateVersion7(), now, booking.Id, booking.Code, booking.CitizenId, office.Name,
                    office.ServiceGroups.Single(g => g.Id == booking.ServiceGroupId).Name, startsAt));
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return sent;
    }
}
