using Marten;
using Microsoft.Extensions.Logging;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;
using Weasel.Core;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>Recorded once every dossier stored before queue lines existed has its line (<see cref="FillDossierQueueLines"/>).</summary>
internal sealed class DossierQueueLinesFilled
{
    public const string TheOne = "dossier-queue-lines";

    public string Id { get; set; } = TheOne;

    public DateTimeOffset FilledAt { get; set; }

    public long Filled { get; set; }
}

/// <summary>
/// Gives every dossier stored before <see cref="DossierQueueLine"/> existed its line, once per database: a database where
/// <see cref="DossierQueueLinesFilled"/> is recorded costs one read by id at start. The dossiers are streamed by one query
/// and their lines bulk-inserted a thousand at a time, leaving alone any line a step wrote meanwhile (a second host
/// starting at the same moment fills the same lines without harm).
/// </summary>
internal sealed partial class FillDossierQueueLines(IDossiersStore store, TimeProvider clock, ILogger<FillDossierQueueLines> logger) : IDataUpgrade
{
    private const int ChunkSize = 1_000;

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<DossierQueueLinesFilled>(DossierQueueLinesFilled.TheOne, cancellationToken) is not null)
            {
                return;
            }
        }

        var filled = 0L;
        var chunk = new List<DossierQueueLine>(ChunkSize);
        await using (var query = store.QuerySession())
        {
            await foreach (var dossier in query.Query<Dossier>().ToAsyncEnumerable(cancellationToken))
            {
                chunk.Add(DossierQueueLine.Of(dossier));
                if (chunk.Count == ChunkSize)
                {
                    filled += await InsertAsync(chunk, cancellationToken);
                }
            }
        }

        filled += await InsertAsync(chunk, cancellationToken);
        await using var session = store.LightweightSession();
        session.Store(new DossierQueueLinesFilled { FilledAt = clock.GetUtcNow(), Filled = filled });
        await session.SaveChangesAsync(cancellationToken);
        LogFilled(logger, filled);
    }

    private async Task<int> InsertAsync(List<DossierQueueLine> chunk, CancellationToken cancellationToken)
    {
        var count = chunk.Count;
        if (count > 0)
        {
            await store.BulkInsertAsync(chunk, BulkInsertMode.IgnoreDuplicates, ChunkSize, cancellationToken);
            chunk.Clear();
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue lines filled in: {Count} dossiers read, each has its line now")]
    private static partial void LogFilled(ILogger logger, long count);
}
