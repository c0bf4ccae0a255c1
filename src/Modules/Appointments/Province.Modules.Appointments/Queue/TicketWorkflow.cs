using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// The statuses each ticket action starts from, in one table: the action endpoints check it, and
/// <see cref="AllowedActions"/> reads it, so <c>allowedActions</c> and the 409s never disagree.
/// </summary>
internal static class TicketWorkflow
{
    private static readonly (string Action, TicketStatus[] From)[] StaffActions =
    [
        ("confirm-priority", [TicketStatus.Waiting]),
        ("recall", [TicketStatus.Called]),
        ("skip", [TicketStatus.Called]),
        ("start", [TicketStatus.Called]),
        ("finish", [TicketStatus.Serving]),
        ("transfer", [TicketStatus.Called, TicketStatus.Serving]),
    ];

    /// <summary>The citizen gives up a number only while it waits.</summary>
    public static readonly TicketStatus[] CitizenCancelFrom = [TicketStatus.Waiting];

    /// <summary>The statuses a staff action starts from.</summary>
    public static TicketStatus[] From(string action) => StaffActions.Single(a => a.Action == action).From;

    /// <summary>What the caller may do now: the citizen cancels a waiting number; a counter acts by the ticket's status.</summary>
    public static IReadOnlyList<string> AllowedActions(QueueTicket ticket, bool forStaff) => forStaff
        ? [.. StaffActions
            .Where(a => a.From.Contains(ticket.Status))
            // Nothing to confirm on a number that asked for no priority (the action refuses it with a 422).
            .Where(a => a.Action != "confirm-priority" || ticket.Priority != PriorityReason.None)
            .Select(a => a.Action)]
        : CitizenCancelFrom.Contains(ticket.Status) ? ["cancel"] : [];
}
