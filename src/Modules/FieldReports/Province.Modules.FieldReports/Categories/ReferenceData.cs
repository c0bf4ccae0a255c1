using Marten;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Categories;

/// <summary>
/// The categories and routing rules every report submission reads (two queries a report before, issue 17), kept in memory:
/// a handful of rows an administrator changes a few times a year. A change made on this instance evicts them at once
/// (<see cref="Evict"/>); another instance's change is seen within <see cref="Lifetime"/>. Readers must not modify what
/// they get: it is shared.
/// </summary>
internal sealed class ReferenceData(IFieldReportsStore store, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private Snapshot? _snapshot;

    /// <summary>Categories by id (active or not) and the routing rules in the order they apply.</summary>
    internal sealed record Snapshot(IReadOnlyDictionary<Guid, Category> Categories, IReadOnlyList<RoutingRule> Rules, DateTimeOffset LoadedAt);

    public async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < Lifetime)
        {
            return current;
        }

        var loadedAt = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var categories = batch.Query<Category>().ToList();
        var rules = batch.Query<RoutingRule>().OrderBy(r => r.Order).ToList();
        await batch.Execute(cancellationToken);
        var loaded = new Snapshot((await categories).ToDictionary(c => c.Id), await rules, loadedAt);
        // A concurrent eviction wins: only replace what was read at the start.
        Interlocked.CompareExchange(ref _snapshot, loaded, current);
        return loaded;
    }

    /// <summary>Called after a category or a routing rule is saved on this instance.</summary>
    public void Evict() => Volatile.Write(ref _snapshot, null);
}
