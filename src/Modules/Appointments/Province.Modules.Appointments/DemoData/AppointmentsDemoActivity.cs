using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;
using MediatR;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.DemoData;

/// <summary>
/// The demo citizens' bookings for the coming working days and today's queue at each demo office: numbers served,
/// one at a counter, others waiting (as far into the opening hours as the clock is). Bookings take their places through
/// <see cref="SlotPlaces"/> (never over capacity) and tickets their numbers from the day's counter, as the requests do,
/// so what citizens take after them follows on. Ids are derived from the day, so every new day's first start adds that
/// day's queue and the bookings of the days that came into view, and a second start the same day adds nothing.
/// No integration events for what is seeded (the reminders go out as for any booking).
/// </summary>
internal sealed class AppointmentsDemoActivity(IAppointmentsStore store, IMediator mediator, QueueSignals signals, TimeProvider clock) : IDemoActivitySeeder
{
    private const int BookingsPerDay = 4;
    private const int BookingDays = 5;

    /// <summary>Today's tickets per service group, by the group's code and office.</summary>
    private static readonly (Guid Office, string Group, int Tickets)[] Queues =
    [
        (AppointmentsDemoData.TanNinhOffice, "HT", 7),
        (AppointmentsDemoData.TanNinhOffice, "CT", 4),
        (AppointmentsDemoData.BinhMinhOffice, "HT", 4),
        (AppointmentsDemoData.ProvinceCentre, "DD", 4),
        (AppointmentsDemoData.ProvinceCentre, "KD", 3),
    ];

    /// <summary>A fixed id for the name: the same day's start finds what it added.</summary>
    private static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("province-demo:" + name)).AsSpan(0, 16));

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var offices = new List<Office>();
        await using (var query = store.QuerySession())
        {
            offices.AddRange(await query.LoadManyAsync<Office>(cancellationToken, AppointmentsDemoData.TanNinhOffice, AppointmentsDemoData.BinhMinhOffice, AppointmentsDemoData.ProvinceCentre));
        }

        if (offices.Count == 0)
        {
            return;
        }

        await SeedBookingsAsync(offices, cancellationToken);
        await SeedQueueAsync(offices, cancellationToken);
    }

    private async Task SeedBookingsAsync(List<Office> offices, CancellationToken cancellationToken)
    {
        var (today, _) = OfficeTime.Now(clock);
        await using var session = store.LightweightSession();
        var officeIds = offices.Select(o => o.Id).ToArray();
        var slots = await session.Query<Slot>()
            .Where(s => s.OfficeId.In(officeIds) && s.Day > today && s.Day <= today.AddDays(BookingDays + 2))
            .ToListAsync(cancellationToken);
        var days = slots.Select(s => s.Day).Distinct().Order().Take(BookingDays).ToList();
        var planned = days.SelectMany((day, d) => Enumerable.Range(0, BookingsPerDay).Select(n => (Day: day, Index: d * BookingsPerDay + n, Id: IdOf($"booking:{day:yyyy-MM-dd}:{n}")))).ToList();
        var existing = await DemoActivity.ExistingAsync<Booking>(session, planned.Select(p => p.Id), b => b.Id, cancellationToken);
        var now = clock.GetUtcNow().ToUniversalTime();
        var added = 0;
        foreach (var (day, index, id) in planned.Where(p => !existing.Contains(p.Id)))
        {
            var daySlots = slots.Where(s => s.Day == day).OrderBy(s => s.OfficeId).ThenBy(s => s.ServiceGroupId).ThenBy(s => s.Start).ToList();
            var slot = daySlots[(index * 7) % daySlots.Count];
            var office = offices.Single(o => o.Id == slot.OfficeId);
            var citizenId = DemoCitizens.Id(index % 8 + 1);
            var profile = await mediator.Send(new GetCitizenProfile(citizenId), cancellationToken);
            if (profile?.FullName is null || profile.PhoneNumber is null || !await SlotPlaces.TakeAsync(session, slot, cancellationToken))
            {
                continue;
            }

            var booking = Booking.For(office, slot, citizenId, profile.FullName, profile.PhoneNumber, now.AddHours(-(index % 5 + 1) * 7), id: id);
            if (index % 2 == 1)
            {
                // The centre approves its bookings: some are approved already, the others wait for an officer.
                booking.Status = BookingStatus.Approved;
            }

            session.Insert(booking);
            added++;
        }

        if (added > 0)
        {
            await DemoActivity.SaveAsync(session, cancellationToken);
        }
    }

    private async Task SeedQueueAsync(List<Office> offices, CancellationToken cancellationToken)
    {
        var (today, time) = OfficeTime.Now(clock);
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var session = store.LightweightSession();
        var changed = new HashSet<Guid>();
        var citizen = 0;
        foreach (var (officeId, groupCode, count) in Queues)
        {
            var office = offices.SingleOrDefault(o => o.Id == officeId);
            var group = office?.ServiceGroups.SingleOrDefault(g => g.Code == groupCode);
            var hours = office?.OpeningHours.FirstOrDefault(h => h.Day == today.DayOfWeek);
            // Numbers are given from an hour before opening; a closed day or an hour before that has no queue.
            if (office is null || group is null || hours is null || time < hours.Opens.AddHours(-1)
                || await session.LoadAsync<BlockedDay>(BlockedDays.IdFor(office.Id, today), cancellationToken) is not null)
            {
                continue;
            }

            var ids = Enumerable.Range(0, count).Select(n => IdOf($"ticket:{today:yyyy-MM-dd}:{office.Id:N}:{groupCode}:{n}")).ToArray();
            if ((await DemoActivity.ExistingAsync<QueueTicket>(session, ids, t => t.Id, cancellationToken)).Count > 0)
            {
                continue;
            }

            var counters = office.Counters.Where(c => c.ServiceGroupIds.Contains(group.Id)).ToList();
            var from = OfficeTime.StartsAt(today, hours.Opens.AddHours(-1)).ToUniversalTime();
            var until = new[] { now.AddMinutes(-1), OfficeTime.StartsAt(today, hours.Closes).ToUniversalTime() }.Min();
            var opens = OfficeTime.StartsAt(today, hours.Opens).ToUniversalTime();
            // How many were called by now: none before opening, every one once the office closed, in between the first part
            // of the queue, the last of them still at a counter.
            var dayOver = time >= hours.Closes;
            var called = until <= opens ? 0 : dayOver ? count : Math.Clamp((int)Math.Ceiling(count * 0.6 * (until - opens) / (OfficeTime.StartsAt(today, hours.Closes) - opens) * 3), 1, count - 1);
            for (var n = 0; n < count; n++)
            {
                // No condition but the blocked day, checked above: a day blocked since then stops the demo's queue there.
                if ((await QueueTally.TryTakeNumberAsync(store, office.Id, group.Id, today, default, cancellationToken)).Taken is not { } taken)
                {
                    break;
                }

                var number = taken.Number;
                var issuedAt = from + (until - from) * (n + 0.5) / (count + 1);
                var ticketCitizen = n % 3 == 2 ? (int?)null : citizen++ % 8 + 1;
                var status = n >= called ? TicketStatus.Waiting : n < called - 1 || dayOver ? TicketStatus.Done : TicketStatus.Serving;
                // The number at the counter was called a few minutes ago; those served before it soon after they were taken.
                var calledAt = status switch
                {
                    TicketStatus.Waiting => (DateTimeOffset?)null,
                    TicketStatus.Serving => new[] { issuedAt.AddMinutes(6), until.AddMinutes(-4) }.Max(),
                    _ => new[] { issuedAt.AddMinutes(6 + (n * 5 % 17)), until }.Min(),
                };
                var ticket = new QueueTicket
                {
                    Id = ids[n],
                    OfficeId = office.Id,
                    ServiceGroupId = group.Id,
                    Day = today,
                    Number = number,
                    Display = $"{group.Code}-{number.ToString("D3", CultureInfo.InvariantCulture)}",
                    CitizenId = ticketCitizen is { } c ? DemoCitizens.Id(c) : null,
                    Channel = ticketCitizen is null ? TicketChannel.Kiosk : TicketChannel.Remote,
                    Priority = ticketCitizen is 5 or 8 ? PriorityReason.Elderly : PriorityReason.None,
                    PriorityCheck = ticketCitizen is 5 or 8 ? PriorityCheck.ByProfile : PriorityCheck.Pending,
                    Status = status,
                    CounterId = status == TicketStatus.Waiting || counters.Count == 0 ? null : counters[n % counters.Count].Id,
                    IssuedAt = issuedAt,
                    CalledAt = calledAt,
                    StartedAt = calledAt?.AddMinutes(1) is { } started && started < until ? started : calledAt,
                    FinishedAt = status == TicketStatus.Done ? new[] { calledAt!.Value.AddMinutes(group.DefaultServiceMinutes), until }.Min() : null,
                };
                session.Insert(ticket);
                QueueTally.Track(session, QueueTally.Share.None, ticket);
            }

            changed.Add(office.Id);
        }

        if (changed.Count > 0)
        {
            await DemoActivity.SaveAsync(session, cancellationToken);
            foreach (var officeId in changed)
            {
                await signals.ChangedAsync(officeId, cancellationToken);
            }
        }
    }
}
