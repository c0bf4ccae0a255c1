using Marten;
using Npgsql;

namespace Province.Modules.Appointments.Data;

/// <summary>
/// The places taken in each slot, in the <c>slot_usage</c> table (a row appears with the first booking).
/// Taking and releasing are single conditional statements run in the session's transaction, so they
/// commit or roll back with the booking saved by the same <c>SaveChangesAsync</c>; the row lock they take
/// makes concurrent bookings of one slot wait for each other instead of overbooking it.
/// </summary>
internal static class SlotPlaces
{
    private static string Table(IQuerySession session) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{IAppointmentsStore.SlotUsage}";

    /// <summary>Takes one place if one is left; false when the slot is full. Opens the session's transaction.</summary>
    public static async Task<bool> TakeAsync(IDocumentSession session, Slot slot, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"insert into {Table(session)} as u (slot_id, booked) select @slot, 1 where @capacity > 0 " +
            "on conflict (slot_id) do update set booked = u.booked + 1 where u.booked < @capacity returning u.booked",
            (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("slot", slot.Id);
        command.Parameters.AddWithValue("capacity", slot.Capacity);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Gives one place back. Opens the session's transaction.</summary>
    public static async Task ReleaseAsync(IDocumentSession session, Guid slotId, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"update {Table(session)} set booked = booked - 1 where slot_id = @slot and booked > 0",
            (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("slot", slotId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The places taken in each of <paramref name="slotIds"/>, in the same order (0 for a slot nobody booked).</summary>
    public static async Task<IReadOnlyList<int>> BookedAsync(IQuerySession session, IReadOnlyList<Guid> slotIds, CancellationToken cancellationToken)
    {
        if (slotIds.Count == 0)
        {
            return [];
        }

        return await session.QueryAsync<int>(
            $"select coalesce(u.booked, 0) from unnest(?::uuid[]) with ordinality as s(slot_id, position) " +
            $"left join {Table(session)} u on u.slot_id = s.slot_id order by s.position",
            cancellationToken, slotIds.ToArray());
    }
}
