using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Dossiers.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Dossiers.Procedures;

/// <summary>
/// The catalog's search index, held in memory: a province has one or two thousand procedures
/// (a few hundred kilobytes folded), so matching every entry on each query takes well under a
/// millisecond and needs no database round trip or PostgreSQL extension (unaccent, trigram) that
/// SQLite would lack. Rebuilt when an import changes the catalog, and at most a minute stale for
/// changes made by another host instance.
/// </summary>
internal sealed class ProcedureSearchIndex(IServiceScopeFactory scopeFactory, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Snapshot? _snapshot;

    public void Invalidate() => _snapshot = null;

    public async Task<SearchPage> SearchAsync(string? query, string? field, int skip, int take, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var words = VietnameseText.Words(query);
        var foldedField = VietnameseText.Fold(field);
        IEnumerable<Entry> candidates = snapshot.Entries;
        if (foldedField.Length > 0)
        {
            candidates = candidates.Where(e => e.Field == foldedField);
        }

        if (words.Length == 0)
        {
            var all = candidates.OrderBy(e => e.Field, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
            return new SearchPage([.. all.Skip(skip).Take(take).Select(e => e.Id)], all.Count);
        }

        var phrase = string.Join(' ', words);
        var ranked = candidates
            .Select(e => (Entry: e, Score: Score(e, words, phrase)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Entry.Name.Length)
            .ThenBy(r => r.Entry.Code, StringComparer.Ordinal)
            .ToList();
        return new SearchPage([.. ranked.Skip(skip).Take(take).Select(r => r.Entry.Id)], ranked.Count);
    }

    /// <summary>
    /// Every query word must appear (as a word or a word's beginning) in the name, field or code;
    /// whole-word name matches weigh most, then the whole phrase in the name, then a name starting with it.
    /// </summary>
    private static double Score(Entry entry, string[] words, string phrase)
    {
        if (entry.Code == phrase)
        {
            return 1000;
        }

        double score = 0;
        foreach (var word in words)
        {
            if (entry.NameWords.Contains(word))
            {
                score += 3;
            }
            else if (entry.NameWords.Any(w => w.StartsWith(word, StringComparison.Ordinal)))
            {
                score += 2;
            }
            else if (entry.FieldWords.Contains(word))
            {
                score += 1.5;
            }
            else if (entry.Code.StartsWith(word, StringComparison.Ordinal) || entry.FieldWords.Any(w => w.StartsWith(word, StringComparison.Ordinal)))
            {
                score += 1;
            }
            else
            {
                return 0;
            }
        }

        if (words.Length > 1 && entry.Name.Contains(phrase, StringComparison.Ordinal))
        {
            score += 2 * words.Length;
        }

        if (entry.Name.StartsWith(phrase, StringComparison.Ordinal))
        {
            score += 3;
        }

        if (entry.Field == phrase)
        {
            score += 2;
        }

        return score;
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.BuiltAt < MaxAge)
        {
            return snapshot;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.BuiltAt < MaxAge)
            {
                return snapshot;
            }

            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var rows = await db.Procedures.AsNoTracking()
                .Select(p => new { p.Id, p.Code, p.Name, p.Field })
                .ToListAsync(cancellationToken);
            var entries = rows.Select(r =>
            {
                var name = VietnameseText.Fold(r.Name);
                var field = VietnameseText.Fold(r.Field);
                return new Entry(r.Id, r.Code, name, [.. name.Split(' ')], field, [.. field.Split(' ')]);
            }).ToArray();
            _snapshot = snapshot = new Snapshot(entries, clock.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    internal sealed record SearchPage(IReadOnlyList<Guid> Ids, int Total);

    private sealed record Entry(Guid Id, string Code, string Name, HashSet<string> NameWords, string Field, HashSet<string> FieldWords);

    private sealed record Snapshot(Entry[] Entries, DateTimeOffset BuiltAt);
}
