using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace Province.BuildingBlocks.Caching;

/// <summary>
/// An in-memory cache bounded in entries, each kept for a lifetime of its own: what a host remembers per caller
/// (token verdicts, sessions, citizens seen) lives here rather than in the host's shared, unbounded <c>IMemoryCache</c>,
/// so that many callers, or junk tokens, cannot grow the host's memory without limit. Beyond the bound an entry is not
/// kept, and the next request does the work again, as after a restart.
/// </summary>
public class BoundedCache(int maxEntries) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = maxEntries });

    public bool TryGet<T>(object key, [NotNullWhen(true)] out T? value)
    {
        if (_entries.TryGetValue(key, out T? found) && found is not null)
        {
            value = found;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <paramref name="lifetime"/>, counted as one entry.</summary>
    public void Remember(object key, object value, TimeSpan lifetime) =>
        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });

    public void Forget(object key) => _entries.Remove(key);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _entries.Dispose();
        }
    }
}
