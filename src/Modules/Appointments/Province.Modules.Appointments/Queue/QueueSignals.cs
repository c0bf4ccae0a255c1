using System.Collections.Concurrent;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// Wakes the live views of an office when its queue changes on this instance; views also re-read
/// every few seconds, which covers changes made by other instances.
/// </summary>
internal sealed class QueueSignals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();

    public void Changed(Guid officeId)
    {
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
