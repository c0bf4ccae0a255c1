using Marten;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Reminders;

/// <summary>
/// Raises <see cref="AppointmentReminderDue"/> once per confirmed booking, <c>ReminderLeadTime</c>
/// before it starts. Setting <c>ReminderSent</c> claims each reminder, saved with its event and checked
/// against the booking's revision, so several instances never send it twice.
/// </summary>
internal sealed class ReminderWatcher(IAppointmentsStore store, IOptions<AppointmentsSettings> settings, TimeProvider clock, ILogger<ReminderWatcher> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.ReminderScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().ToUniversalTime();
        var horizon = now + settings.Value.ReminderLeadTime;
        var (today, _) = OfficeTime.Now(Clock);
        var lastDay = DateOnly.FromDateTime(BuildingBlocks.Time.VietnamTime.ToVietnamTime(horizon).DateTime);
        IReadOnlyList<Booking> candidates;
        Dictionary<Guid, Office> offices;
        await using (var query = store.QuerySession())
        {
            candidates = await query.Query<Booking>()
                .Where(b => b.Day >= today && b.Day <= lastDay && b.Status == BookingStatus.Approved && !b.ReminderSent)
                .ToListAsync(cancellationToken);
            offices = candidates.Count == 0
                ? []
                : (await query.LoadManyAsync<Office>(cancellationToken, candidates.Select(b => b.OfficeId).Distinct())).ToDictionary(o => o.Id);
        }

        var sent = 0;
        foreach (var booking in candidates)
        {
            var startsAt = OfficeTime.StartsAt(booking.Day, booking.Start);
            if (startsAt <= now || startsAt > horizon)
            {
                continue;
            }

            // Not a change the citizen sees: the API's Version stays; only Marten's revision moves.
            await using var session = store.LightweightSession();
            booking.ReminderSent = true;
            session.UpdateRevision(booking, booking.Revision + 1);
            var office = offices[booking.OfficeId];
            session.PublishIntegrationEvent(new AppointmentReminderDue(Guid.CreateVersion7(), now, booking.Id, booking.Code, booking.CitizenId, office.Name,
                office.ServiceGroups.Single(g => g.Id == booking.ServiceGroupId).Name, startsAt));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
            {
                // Another instance sent it, or the booking changed meanwhile (the next scan reads it again).
            }
        }

        return sent;
    }
}
