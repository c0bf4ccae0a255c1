using Marten;
using Microsoft.Extensions.Logging;
using Province.BuildingBlocks.Persistence;
using Weasel.Core;

namespace Province.Modules.Dossiers.Data;

/// <summary>Recorded once every dossier stored before a view of dossiers existed has its view (<see cref="FillDossierViews{TView, TFilled}"/>).</summary>
internal abstract class DossierViewsFilled
{
    public abstract string Id { get; set; }

    public DateTimeOffset FilledAt { get; set; }

    public long Filled { get; set; }
}

/// <summary>
/// Gives every dossier stored before a view kept by <see cref="DossierProjection"/> existed its view, once per database: a
/// database where <typeparamref name="TFilled"/> is recorded costs one read by id at start. The dossiers are streamed by one
/// query and their views bulk-inserted a thousand at a time, leaving alone any view a step wrote meanwhile (a second host
/// starting at the same moment fills the same views without harm).
/// </summary>
internal abstract class FillDossierViews<TView, TFilled>(IDossiersStore store, TimeProvider clock, ILogger logger) : IDataUpgrade
    where TView : notnull
    where TFilled : DossierViewsFilled, new()
{
    private const int ChunkSize = 1_000;

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var marker = new TFilled();
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<TFilled>(marker.Id, cancellationToken) is not null)
            {
                return;
            }
        }

        var filled = 0L;
        var chunk = new List<TView>(ChunkSize);
        await using (var query = store.QuerySession())
        {
            await foreach (var dossier in query.Query<Dossier>().ToAsyncEnumerable(cancellationToken))
            {
                chunk.Add(Of(dossier));
                if (chunk.Count == ChunkSize)
                {
                    filled += await InsertAsync(chunk, cancellationToken);
                }
            }
        }

        filled += await InsertAsync(chunk, cancellationToken);
        marker.FilledAt = clock.GetUtcNow();
        marker.Filled = filled;
        await using var session = store.LightweightSession();
        session.Store(marker);
        await session.SaveChangesAsync(cancellationToken);
        FillLog.Filled(logger, typeof(TView).Name, filled);
    }

    /// <summary>The view of <paramref name="dossier"/>, as the projection writes it.</summary>
    protected abstract TView Of(Dossier dossier);

    private async Task<int> InsertAsync(List<TView> chunk, CancellationToken cancellationToken)
    {
        var count = chunk.Count;
        if (count > 0)
        {
            await store.BulkInsertAsync(chunk, BulkInsertMode.IgnoreDuplicates, ChunkSize, cancellationToken);
            chunk.Clear();
        }

        return count;
    }
}

internal static partial class FillLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{View} filled in: {Count} dossiers read, each has its own now")]
    public static partial void Filled(ILogger logger, string view, long count);
}
