using System.Collections.Concurrent;
using Marten;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices;

/// <summary>
/// Offices by id, kept in memory for the queue's hot paths (a ticket read its office twice from the database, issue 17).
/// An office is written once, when it is created, and never changed in place, so an entry cannot go stale; entries are
/// dropped after <see cref="Lifetime"/> all the same (bounded memory, and a hand-edited row is seen again). An unknown
/// id is not remembered. Readers must not modify the office they get: it is shared.
/// </summary>
internal sealed class OfficeDirectory(IAppointmentsStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<Guid, (Office Office, DateTimeOffset LoadedAt)> _offices = new();

    public async ValueTask<Office?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_offices.TryGetValue(id, out var entry) && now - entry.LoadedAt < Lifetime)
        {
            return entry.Office;
        }

        Office? office;
        await using (var session = store.QuerySession())
        {
            office = await session.LoadAsync<Office>(id, cancellationToken);
        }

        if (office is null)
        {
            _offices.TryRemove(id, out _);
            return null;
        }

        _offices[id] = (office, now);
        return office;
    }
}
