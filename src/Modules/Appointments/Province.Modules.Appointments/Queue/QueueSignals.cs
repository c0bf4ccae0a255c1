using System.Collections.Concurrent;
using Province.BuildingBlocks.Caching;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Wakes the live views of an office when its queue changes on this instance, and drops the cached
/// now-serving answers; views also re-read every few seconds, which covers changes made by other instances.
/// </summary>
internal sealed class QueueSignals(IServiceProvider services)
{
    public const string NowServingCacheTag = "now-serving";

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();

    public async Task ChangedAsync(Guid officeId, CancellationToken cancellationToken)
    {
        await PublicResponseCache.EvictAsync(services, NowServingCacheTag, cancellationToken);
        if (_waiters.TryRemove(officeId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public async Task WaitAsync(Guid officeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = _waiters.GetOrAdd(officeId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Nothing happened here: the caller re-reads anyway.
        }
    }
}
