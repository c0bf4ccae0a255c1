using Marten;
using Province.Modules.Dossiers.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Dossiers.Procedures;

/// <summary>
/// The catalog's search index, held in memory: a province has one or two thousand procedures
/// (a few hundred kilobytes folded), so matching every entry on each query takes well under a
/// millisecond and needs no database round trip or PostgreSQL extension (unaccent, trigram). It
/// also holds each procedure's summary, so a search answers from memory alone (loading the matched
/// procedures' full documents was most of a search's cost in the benchmark). Loaded from the
/// Procedure documents; rebuilt when an import changes the catalog, and at most a minute stale for
/// changes made by another host instance.
/// </summary>
internal sealed class ProcedureSearchIndex(IDossiersStore store, TimeProvider clock)
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
        // Without words: every entry, already in (field, name) order. With words: those holding every word.
        IEnumerable<Entry> candidates = words.Length == 0 ? snapshot.Entries : snapshot.Matching(words);
        if (foldedField.Length > 0)
        {
            candidates = candidates.Where(e => e.Field == foldedField);
        }

        if (words.Length == 0)
        {
            var all = candidates.ToList();
            return new SearchPage([.. all.Skip(skip).Take(take).Select(e => e.Summary)], all.Count);
        }

        var phrase = string.Join(' ', words);
        var ranked = candidates
            .Select(e => (Entry: e, Score: Score(e, words, phrase)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Entry.Name.Length)
            .ThenBy(r => r.Entry.Code, StringComparer.Ordinal)
            .ToList();
        return new SearchPage([.. ranked.Skip(skip).Take(take).Select(r => r.Entry.Summary)], ranked.Count);
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

            await using var session = store.QuerySession();
            // Only what a search line shows, not the steps, documents and legal basis of every procedure.
            var rows = await session.Query<Procedure>()
                .Select(p => new IndexRow { Code = p.Code, Name = p.Name, Field = p.Field, AgencyId = p.AgencyId, ProcessingWorkingDays = p.ProcessingWorkingDays, OnlineLevel = p.OnlineLevel })
                .ToListAsync(cancellationToken);
            var entries = rows.Select(r =>
            {
                var name = VietnameseText.Fold(r.Name);
                var field = VietnameseText.Fold(r.Field);
                var summary = new ProcedureSummaryResponse(r.Code, r.Name, r.Field, r.AgencyId, r.ProcessingWorkingDays,
                    ProcedureSummaryResponse.Level(r.OnlineLevel), ProcedureSummaryResponse.LevelText(r.OnlineLevel));
                return new Entry(summary, r.Code, name, [.. name.Split(' ')], field, [.. field.Split(' ')]);
            }).OrderBy(e => e.Field, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray();
            _snapshot = snapshot = Snapshot.Build(entries, clock.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    internal sealed record SearchPage(IReadOnlyList<ProcedureSummaryResponse> Items, int Total);

    private sealed record Entry(ProcedureSummaryResponse Summary, string Code, string Name, HashSet<string> NameWords, string Field, HashSet<string> FieldWords);

    /// <summary>The columns of a procedure the index keeps.</summary>
    private sealed class IndexRow
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        public string Field { get; set; } = "";

        public Guid AgencyId { get; set; }

        public int ProcessingWorkingDays { get; set; }

        public OnlineLevel OnlineLevel { get; set; }
    }

    /// <summary>
    /// The entries plus a sorted word list with, for each word, the entries whose name or field holds it:
    /// a query word's prefix matches are one binary search and a contiguous run, so only entries that
    /// contain every query word are scored (scoring all two thousand entries was the cost of a search).
    /// </summary>
    private sealed class Snapshot
    {
        private readonly string[] _words;
        private readonly int[][] _postings;
        private readonly int[] _byCode;

        private Snapshot(Entry[] entries, string[] words, int[][] postings, int[] byCode, DateTimeOffset builtAt)
        {
            Entries = entries;
            _words = words;
            _postings = postings;
            _byCode = byCode;
            BuiltAt = builtAt;
        }

        public Entry[] Entries { get; }

        public DateTimeOffset BuiltAt { get; }

        public static Snapshot Build(Entry[] entries, DateTimeOffset builtAt)
        {
            var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                foreach (var word in entries[i].NameWords.Concat(entries[i].FieldWords).Where(w => w.Length > 0).Distinct())
                {
                    if (!postings.TryGetValue(word, out var list))
                    {
                        postings[word] = list = [];
                    }

                    list.Add(i);
                }
            }

            var byCode = Enumerable.Range(0, entries.Length).OrderBy(i => entries[i].Code, StringComparer.Ordinal).ToArray();
            return new Snapshot(entries, [.. postings.Keys], [.. postings.Values.Select(l => l.ToArray())], byCode, builtAt);
        }

        /// <summary>Entries where every word begins a word of the name or field, or the code.</summary>
        public IEnumerable<Entry> Matching(string[] words)
        {
            var hits = new int[Entries.Length];
            for (var w = 0; w < words.Length; w++)
            {
                var word = words[w];
                // Each entry counts once per query word (stamp w + 1), however many of its words match.
                for (var i = LowerBound(_words, word, k => k); i < _words.Length && _words[i].StartsWith(word, StringComparison.Ordinal); i++)
                {
                    foreach (var entry in _postings[i])
                    {
                        Mark(hits, entry, w);
                    }
                }

                for (var i = LowerBound(_byCode, word, k => Entries[k].Code); i < _byCode.Length && Entries[_byCode[i]].Code.StartsWith(word, StringComparison.Ordinal); i++)
                {
                    Mark(hits, _byCode[i], w);
                }
            }

            for (var i = 0; i < hits.Length; i++)
            {
                if (hits[i] == words.Length)
                {
                    yield return Entries[i];
                }
            }
        }

        /// <summary>Counts word <paramref name="w"/> for the entry if every earlier word has already matched it.</summary>
        private static void Mark(int[] hits, int entry, int w)
        {
            if (hits[entry] == w)
            {
                hits[entry] = w + 1;
            }
        }

        private static int LowerBound<T>(T[] sorted, string value, Func<T, string> key)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (string.CompareOrdinal(key(sorted[middle]), value) < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
