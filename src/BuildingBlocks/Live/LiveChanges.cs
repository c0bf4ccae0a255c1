using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Province.BuildingBlocks.Live;

/// <summary>
/// "Something changed" for the live views (server-sent event streams), across every host on the database. A module
/// calls <see cref="Publish"/> after its change is committed; the views of this host wake at once, and
/// <see cref="LiveChangesSender"/> sends the change to the other hosts by PostgreSQL NOTIFY, where
/// <see cref="LiveChangesListener"/> wakes theirs. A change is a topic (what kind of view: "appointments/office") and
/// a key (which one: an id), never data: a view that wakes reads what it shows itself, with its own authorization.
/// </summary>
public sealed class LiveChanges(IOptions<LiveChangesSettings> settings)
{
    /// <summary>The key a view waits on to hear every key of its topic (an administrator's queue of every agency).</summary>
    public const string AnyKey = "*";

    /// <summary>NOTIFY payloads stop at 8,000 bytes; a topic and a key are names and ids, far below.</summary>
    private const int MaxPart = 200;

    private readonly ConcurrentDictionary<(string Topic, string Key), KeyState> _keys = new();
    private long _epoch;
    private readonly ConcurrentDictionary<string, List<Func<string, CancellationToken, Task>>> _remoteHandlers = new(StringComparer.Ordinal);
    private readonly Channel<LiveChange> _outgoing = Channel.CreateBounded<LiveChange>(
        new BoundedChannelOptions(settings.Value.MaxPendingSends) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>This host's name in its own notifications, so that its listener skips what its views already heard.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N")[..12];

    internal ChannelReader<LiveChange> Outgoing => _outgoing.Reader;

    /// <summary>Tells the live views of <paramref name="topic"/>/<paramref name="key"/>, here and on every other host, to read again.</summary>
    public void Publish(string topic, string key)
    {
        Check(topic, nameof(topic));
        Check(key, nameof(key));
        Wake(topic, key);
        // Full means the database is unreachable for a long while; the oldest are dropped, and every host's listener
        // wakes all its views when it reconnects, so nothing is lost that matters.
        _outgoing.Writer.TryWrite(new LiveChange(topic, key));
    }

    /// <summary>
    /// Where <paramref name="topic"/>/<paramref name="key"/> stands now. Take it <em>before</em> reading what a view
    /// shows: a change that lands while the view reads is then seen by the next <see cref="WaitAsync"/>, never lost.
    /// </summary>
    public LiveCursor Cursor(string topic, string key) => Entry(topic, key).Cursor(Volatile.Read(ref _epoch));

    /// <summary>
    /// Waits until <paramref name="topic"/>/<paramref name="key"/> (or, with <see cref="AnyKey"/>, any key of the topic)
    /// has changed anywhere since <paramref name="seen"/>, the listener reconnected (changes may have been missed), or
    /// <paramref name="timeout"/> passed; returns the new cursor (compare it with <paramref name="seen"/> to tell which).
    /// </summary>
    public async Task<LiveCursor> WaitAsync(string topic, string key, LiveCursor seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var entry = Entry(topic, key);
        var next = entry.Next;
        var now = entry.Cursor(Volatile.Read(ref _epoch));
        if (now != seen)
        {
            return now;
        }

        try
        {
            await next.WaitAsync(timeout, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Nothing happened: the caller decides (a keep-alive, a read again).
        }

        return entry.Cursor(Volatile.Read(ref _epoch));
    }

    /// <summary>Runs <paramref name="handler"/> with the key whenever another host publishes on <paramref name="topic"/> (e.g. to drop a cached answer).</summary>
    public void OnRemoteChange(string topic, Func<string, CancellationToken, Task> handler)
    {
        var handlers = _remoteHandlers.GetOrAdd(topic, _ => []);
        lock (handlers)
        {
            handlers.Add(handler);
        }
    }

    /// <summary>A notification from another host.</summary>
    internal async Task DeliverRemoteAsync(string topic, string key, CancellationToken cancellationToken)
    {
        if (_remoteHandlers.TryGetValue(topic, out var handlers))
        {
            Func<string, CancellationToken, Task>[] copy;
            lock (handlers)
            {
                copy = [.. handlers];
            }

            foreach (var handler in copy)
            {
                await handler(key, cancellationToken);
            }
        }

        Wake(topic, key);
    }

    /// <summary>After the listener (re)connects: notifications sent meanwhile are gone, so every view reads again.</summary>
    internal void WakeAll()
    {
        Interlocked.Increment(ref _epoch);
        foreach (var entry in _keys.Values)
        {
            entry.Release(changed: false);
        }
    }

    internal string Payload(LiveChange change) => $"{change.Topic}|{change.Key}|{Origin}";

    internal static bool TryParse(string payload, out string topic, out string key, out string origin)
    {
        var parts = payload.Split('|');
        (topic, key, origin) = parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (string.Empty, string.Empty, string.Empty);
        return parts.Length == 3 && topic.Length > 0 && key.Length > 0;
    }

    private void Wake(string topic, string key)
    {
        Entry(topic, key).Release(changed: true);
        if (key != AnyKey)
        {
            Entry(topic, AnyKey).Release(changed: true);
        }
    }

    // One per topic and key ever published or waited on: offices and agencies, a bounded set (streams check the id exists).
    private KeyState Entry(string topic, string key) => _keys.GetOrAdd((topic, key), _ => new KeyState());

    private sealed class KeyState
    {
        private readonly Lock _gate = new();
        private long _version;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next
        {
            get
            {
                lock (_gate)
                {
                    return _next.Task;
                }
            }
        }

        public LiveCursor Cursor(long epoch)
        {
            lock (_gate)
            {
                return new LiveCursor(_version, epoch);
            }
        }

        public void Release(bool changed)
        {
            TaskCompletionSource released;
            lock (_gate)
            {
                if (changed)
                {
                    _version++;
                }

                released = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            released.TrySetResult();
        }
    }

    private static void Check(string part, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(part, name);
        if (part.Length > MaxPart || part.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A live change names a topic and an id: short, without '|'.", name);
        }
    }
}

internal readonly record struct LiveChange(string Topic, string Key);

/// <summary>
/// How far a live view has seen: <see cref="Version"/> counts changes of its topic and key, <see cref="Epoch"/> the
/// listener's reconnections (after which changes may have been missed and everything is read again).
/// </summary>
public readonly record struct LiveCursor(long Version, long Epoch);

/// <summary>Configuration section <c>LiveChanges</c>.</summary>
public sealed class LiveChangesSettings
{
    public const string Section = "LiveChanges";

    /// <summary>The PostgreSQL channel every host sends to and listens on (one per database).</summary>
    public string Channel { get; set; } = "province_live";

    /// <summary>
    /// Listen for other hosts' changes. Off only for a single host that wants no extra connection (its own changes
    /// still reach its views); with several hosts off means views miss the others' changes until their keep-alive.
    /// </summary>
    public bool Listen { get; set; } = true;

    /// <summary>The longest wait between two attempts to reconnect the listener (it starts at 100 ms and doubles).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the listener waits for a notification before it checks its connection with a round trip.</summary>
    public TimeSpan ListenerCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Changes waiting to be sent while the database is unreachable (the oldest are dropped beyond).</summary>
    public int MaxPendingSends { get; set; } = 10_000;
}
