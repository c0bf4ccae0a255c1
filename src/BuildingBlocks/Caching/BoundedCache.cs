using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Province.BuildingBlocks.Caching;

/// <summary>
/// An in-memory cache bounded in entries, each kept for a lifetime of its own: what a host remembers per caller
/// (token verdicts, sessions, citizens seen) lives here rather than in the host's shared, unbounded <c>IMemoryCache</c>,
/// so that many callers, or junk tokens, cannot grow the host's memory without limit. Beyond the bound an entry is not
/// kept, and the next request does the work again, as after a restart.
/// </summary>
/// <remarks>
/// A dictionary of the keys as they are (no boxing) and a value with its expiry beside it: about 60 bytes an entry
/// besides the value, where a <c>MemoryCache</c> entry took about 200 (its entry object of 104 bytes, its node, the boxed
/// key), three entries for every citizen signed in within the caches' windows (issue 17, docs/decisions.md ADR 24).
/// Expired entries are dropped when read, and all of them once a minute by the next call that finds the sweep due, or
/// by a call that finds the cache full (at most once a second).
/// </remarks>
public class BoundedCache<TKey, TValue>(int maxEntries)
    where TKey : notnull
    where TValue : class
{
    private const long SweepEveryMilliseconds = 60_000;

    /// <summary>A full cache sweeps for room at most this often: a full cache of live entries is not scanned on every call.</summary>
    private const long SweepWhenFullMilliseconds = 1_000;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // The entries held (ConcurrentDictionary.Count takes every lock of the table); kept by the adds and removals.
    private int _count;

    private long _lastSweep = Environment.TickCount64;

    /// <summary>How many entries are held, expired ones not yet dropped included.</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGet(TKey key, [NotNullWhen(true)] out TValue? value)
    {
        var now = Environment.TickCount64;
        TrySweep(now, SweepEveryMilliseconds);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > now)
            {
                value = entry.Value;
                return true;
            }

            Drop(key, entry);
        }

        value = null;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <paramref name="lifetime"/>; not kept when the cache is full.</summary>
    public void Remember(TKey key, TValue value, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = Environment.TickCount64;
        TrySweep(now, SweepEveryMilliseconds);
        var entry = new Entry(value, now + (long)lifetime.TotalMilliseconds);
        while (true)
        {
            if (_entries.TryGetValue(key, out var held))
            {
                if (_entries.TryUpdate(key, entry, held))
                {
                    return;
                }
            }
            else if (Count >= maxEntries && !(TrySweep(now, SweepWhenFullMilliseconds) && Count < maxEntries))
            {
                return;
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
                return;
            }
        }
    }

    public void Forget(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>
    /// Drops every expired entry when <paramref name="interval"/> milliseconds have passed since the last sweep; one caller
    /// does it, the others go on. Whether this call swept.
    /// </summary>
    private bool TrySweep(long now, long interval)
    {
        var last = Volatile.Read(ref _lastSweep);
        if (now - last < interval || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return false;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Drop(key, entry);
            }
        }

        return true;
    }

    /// <summary>Removes the entry only if it is still the one seen (a newer value under the key stays).</summary>
    private void Drop(TKey key, Entry seen)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, seen)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>A value and when it expires, in <see cref="Environment.TickCount64"/> milliseconds (monotonic: a clock change moves nothing).</summary>
    private readonly record struct Entry(TValue Value, long ExpiresAt);
}
