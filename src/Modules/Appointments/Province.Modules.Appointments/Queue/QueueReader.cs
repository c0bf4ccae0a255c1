using Marten;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Offices;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Time;

namespace Province.Modules.Appointments.Queue;

/// <summary>Reads the state of the day's queues: who is ahead of a ticket, the wait, what is being served.</summary>
internal sealed class QueueReader(IAppointmentsStore store, OfficeDirectory offices, TimeProvider clock)
{
    /// <summary>
    /// The calling order (Novo SGA's): tickets transferred to a counter first at that counter, then the
    /// priority ones (elderly, disability, pregnancy) whose priority is proven (never on the citizen's word alone),
    /// then by number. Sorted in memory: a day's waiting tickets of an office are few.
    /// </summary>
    public static IEnumerable<QueueTicket> InCallingOrder(IEnumerable<QueueTicket> tickets, Guid? counterId) =>
        tickets.OrderByDescending(t => counterId != null && t.CounterId == counterId)
            .ThenByDescending(t => t.HasProvenPriority)
            .ThenBy(t => t.Number);

    /// <summary>The tickets of an office's day still waiting to be called.</summary>
    public static Task<IReadOnlyList<QueueTicket>> WaitingAsync(IQuerySession session, Guid officeId, DateOnly day, CancellationToken cancellationToken) =>
        session.Query<QueueTicket>().Where(t => t.OfficeId == officeId && t.Day == day && t.Status == TicketStatus.Waiting).ToListAsync(cancellationToken);

    /// <summary>The ticket as its holder or a counter sees it, with how many are ahead of it and the wait while it waits.</summary>
    public Task<TicketResponse> DescribeAsync(QueueTicket ticket, bool forStaff, CancellationToken cancellationToken) =>
        DescribeAsync(ticket, forStaff, null, cancellationToken);

    /// <summary>
    /// The same, with the figures <paramref name="known"/> when they were read already (a ticket just issued: the
    /// statement that took its number read them, <see cref="TicketIssuer"/>); read from the tally otherwise.
    /// </summary>
    public async Task<TicketResponse> DescribeAsync(QueueTicket ticket, bool forStaff, QueueTally.Reading? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var office = await offices.FindAsync(ticket.OfficeId, cancellationToken);
        var ahead = 0;
        var minutes = 0;
        if (ticket.Status == TicketStatus.Waiting)
        {
            var (count, minutesPerPerson) = (known ?? await QueueTally.ReadAsync(store, ticket, cancellationToken)) is { } tally
                ? (tally.Ahead, MinutesPerPerson(tally.Finished, tally.ServiceMilliseconds / 60_000.0, office, ticket.ServiceGroupId))
                : await CountAheadAsync(ticket, office, cancellationToken);
            ahead = count;
            minutes = (int)Math.Ceiling(ahead * minutesPerPerson);
        }

        var counterName = ticket.CounterId is { } counterId ? office?.Counters.SingleOrDefault(c => c.Id == counterId)?.Name : null;
        return new TicketResponse(ticket.Id, ticket.Display, ticket.OfficeId, office?.Name, ticket.ServiceGroupId,
            office?.ServiceGroups.SingleOrDefault(g => g.Id == ticket.ServiceGroupId)?.Name, ticket.Day,
            EnumNames.Camel(ticket.Status), TicketResponse.Text(ticket.Status), EnumNames.Camel(ticket.Priority),
            ticket.Priority == PriorityReason.None ? "none" : EnumNames.Camel(ticket.PriorityCheck), TicketResponse.PriorityText(ticket),
            ticket.CounterId, counterName, ticket.IssuedAt.ToVietnamTime(), ahead, minutes, ticket.Version, TicketWorkflow.AllowedActions(ticket, forStaff));
    }

    /// <summary>
    /// The people ahead and the day's service times counted from the tickets themselves, in one round trip (a batch
    /// query): for the days begun before <see cref="QueueTally"/> kept their figures.
    /// </summary>
    private async Task<(int Ahead, double MinutesPerPerson)> CountAheadAsync(QueueTicket ticket, Office? office, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var waiting = batch.Query<QueueTicket>().Where(t => t.OfficeId == ticket.OfficeId && t.ServiceGroupId == ticket.ServiceGroupId
            && t.Day == ticket.Day && t.Status == TicketStatus.Waiting && t.Id != ticket.Id);
        // With a proven priority: the proven ones before it. Without: every number before it and the proven priorities after it.
        var ahead = ticket.HasProvenPriority
            ? waiting.Where(t => t.Priority != PriorityReason.None && (t.PriorityCheck == PriorityCheck.ByProfile || t.PriorityCheck == PriorityCheck.AtCounter)
                && t.Number < ticket.Number).Count()
            : waiting.Where(t => t.Number < ticket.Number || (t.Priority != PriorityReason.None
                && (t.PriorityCheck == PriorityCheck.ByProfile || t.PriorityCheck == PriorityCheck.AtCounter))).Count();
        var served = batch.Query<QueueTicket>()
            .Where(t => t.OfficeId == ticket.OfficeId && t.ServiceGroupId == ticket.ServiceGroupId && t.Day == ticket.Day && t.Status == TicketStatus.Done)
            .Select(t => new ServiceSpan(t.StartedAt, t.FinishedAt))
            .ToList();
        await batch.Execute(cancellationToken);
        var finished = (await served).Where(t => t.StartedAt != null && t.FinishedAt != null).ToList();
        return ((int)await ahead, MinutesPerPerson(finished.Count, finished.Sum(t => (t.FinishedAt!.Value - t.StartedAt!.Value).TotalMinutes), office, ticket.ServiceGroupId));
    }

    /// <summary>When a finished ticket's service started and ended: all the waiting estimate reads of it.</summary>
    private sealed record ServiceSpan(DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

    /// <summary>
    /// The day's average service time of the group (from its finished tickets), or its default, divided
    /// by the counters that serve the group.
    /// </summary>
    private static double MinutesPerPerson(int finished, double serviceMinutes, Office? office, Guid groupId)
    {
        var average = finished > 0
            ? serviceMinutes / finished
            : office?.ServiceGroups.SingleOrDefault(g => g.Id == groupId)?.DefaultServiceMinutes ?? 10;
        var counters = office?.Counters.Count(c => c.ServiceGroupIds.Contains(groupId)) ?? 0;
        return average / Math.Max(1, counters);
    }

    public async Task<NowServingResponse> NowServingAsync(Office office, CancellationToken cancellationToken)
    {
        var (today, _) = OfficeTime.Now(clock);
        await using var session = store.QuerySession();
        // The screen polled by everyone waiting: only the fields it shows are read.
        var tickets = await session.Query<QueueTicket>().Where(t => t.OfficeId == office.Id && t.Day == today)
            .Select(t => new ScreenLine(t.ServiceGroupId, t.Display, t.Number, t.Status, t.CounterId, t.CalledAt))
            .ToListAsync(cancellationToken);
        var counters = office.Counters.ToDictionary(c => c.Id, c => c.Name);
        var groups = office.ServiceGroups.OrderBy(g => g.Code).Select(g =>
        {
            var mine = tickets.Where(t => t.ServiceGroupId == g.Id).ToList();
            var current = mine.Where(t => t.Status is TicketStatus.Called or TicketStatus.Serving).OrderByDescending(t => t.CalledAt).ToList();
            return new GroupNowServing(
                g.Id, g.Code, g.Name,
                current.FirstOrDefault()?.Display,
                [.. current.Select(t => new CounterCall(t.Display, t.CounterId is { } c && counters.TryGetValue(c, out var name) ? name : "", EnumNames.Camel(t.Status)))],
                mine.Count(t => t.Status == TicketStatus.Waiting),
                mine.Count == 0 ? 0 : mine.Max(t => t.Number));
        }).ToList();
        return new NowServingResponse(office.Id, office.Name, today, groups);
    }
}

/// <summary>What the now-serving screen needs of a ticket.</summary>
internal sealed record ScreenLine(Guid ServiceGroupId, string Display, int Number, TicketStatus Status, Guid? CounterId, DateTimeOffset? CalledAt);

internal sealed record NowServingResponse(Guid OfficeId, string OfficeName, DateOnly Day, IReadOnlyList<GroupNowServing> Groups);

/// <summary>One service group on the screen: the last number called, every number at a counter, how many wait.</summary>
internal sealed record GroupNowServing(Guid ServiceGroupId, string Code, string Name, string? NowServing, IReadOnlyList<CounterCall> AtCounters, int Waiting, int LastIssued);

internal sealed record CounterCall(string Number, string Counter, string Status);
