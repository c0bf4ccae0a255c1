using Province.BuildingBlocks.Caching;

namespace Province.Modules.Identity.Tests;

/// <summary>The cache of the host's per-caller memory (token verdicts, citizens seen, staff sessions): lifetimes and the bound.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public async Task An_entry_is_kept_for_its_lifetime_and_then_gone()
    {
        var cache = new BoundedCache<Guid, string>(10);
        var (brief, lasting) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(brief, "một lát", TimeSpan.FromMilliseconds(50));
        cache.Remember(lasting, "lâu", TimeSpan.FromMinutes(5));
        Assert.True(cache.TryGet(brief, out var kept));
        Assert.Equal("một lát", kept);

        await Task.Delay(300);

        Assert.False(cache.TryGet(brief, out _));
        Assert.True(cache.TryGet(lasting, out var still));
        Assert.Equal("lâu", still);
        // The expired entry was dropped when read: one entry is held.
        Assert.Equal(1, cache.Count);
        cache.Forget(lasting);
        Assert.False(cache.TryGet(lasting, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Beyond_its_bound_nothing_new_is_kept_until_entries_expire_or_are_forgotten()
    {
        var cache = new BoundedCache<int, string>(3);
        for (var key = 1; key <= 5; key++)
        {
            cache.Remember(key, $"giá trị {key}", TimeSpan.FromMilliseconds(key <= 2 ? 200 : 60_000));
        }

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet(4, out _));
        Assert.False(cache.TryGet(5, out _));
        // A key already held is updated even when the cache is full.
        cache.Remember(3, "mới", TimeSpan.FromMinutes(1));
        Assert.True(cache.TryGet(3, out var updated));
        Assert.Equal("mới", updated);
        cache.Forget(3);
        cache.Remember(4, "giá trị 4", TimeSpan.FromMinutes(1));
        Assert.True(cache.TryGet(4, out _));

        // Keys 1 and 2 expire; a full cache sweeps for room (at most once a second) and keeps the new entry.
        await Task.Delay(1_200);
        cache.Remember(5, "giá trị 5", TimeSpan.FromMinutes(1));
        Assert.True(cache.TryGet(5, out _));
        Assert.Equal(2, cache.Count);
    }
}
