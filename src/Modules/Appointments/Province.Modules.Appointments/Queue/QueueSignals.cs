using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Live;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// An office's queue changed: drops the cached now-serving answers and wakes the office's live views, on this host at
/// once and on the others through <see cref="LiveChanges"/> (PostgreSQL NOTIFY), where the cached answers go too.
/// </summary>
internal sealed class QueueSignals
{
    public const string NowServingCacheTag = "now-serving";

    /// <summary>The live change of an office's queue; its key is the office id (no ticket, no person).</summary>
    public const string OfficeTopic = "appointments/office";

    private readonly IServiceProvider _services;
    private readonly LiveChanges _live;

    public QueueSignals(IServiceProvider services, LiveChanges live)
    {
        _services = services;
        _live = live;
        live.OnRemoteChange(OfficeTopic, (_, cancellationToken) => PublicResponseCache.EvictAsync(services, NowServingCacheTag, cancellationToken));
    }

    public async Task ChangedAsync(Guid officeId, CancellationToken cancellationToken)
    {
        await PublicResponseCache.EvictAsync(_services, NowServingCacheTag, cancellationToken);
        _live.Publish(OfficeTopic, officeId.ToString());
    }

    /// <summary>Where the office's queue stands; taken before a view reads it (see <see cref="LiveChanges.Cursor"/>).</summary>
    public LiveCursor Cursor(Guid officeId) => _live.Cursor(OfficeTopic, officeId.ToString());

    public Task<LiveCursor> WaitAsync(Guid officeId, LiveCursor seen, TimeSpan timeout, CancellationToken cancellationToken) =>
        _live.WaitAsync(OfficeTopic, officeId.ToString(), seen, timeout, cancellationToken);
}
