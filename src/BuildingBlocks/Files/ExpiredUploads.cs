using System.Linq.Expressions;
using Marten;

namespace Province.BuildingBlocks.Files;

/// <summary>An upload record's id and where its file is stored.</summary>
public sealed record StoredUpload(Guid Id, string StorageKey);

/// <summary>
/// Deletes uploads never attached to anything once their retention has passed, in batches: the record first (only
/// while it is still unattached, so an upload attached meanwhile stays), then the file of each record that is gone,
/// so a file is never deleted under a dossier or a report. Each module says which of its documents are uploads.
/// </summary>
public static class ExpiredUploads
{
    private const int Batch = 500;

    /// <param name="expired">Unattached and uploaded before the retention's cutoff.</param>
    /// <param name="stored">The record's id and storage key.</param>
    /// <param name="stillUnattached">Those of the given ids that are still unattached (the delete's condition).</param>
    /// <returns>How many files were deleted.</returns>
    public static async Task<int> DeleteAsync<TUpload>(
        IDocumentStore store,
        IFileStore files,
        Expression<Func<TUpload, bool>> expired,
        Expression<Func<TUpload, StoredUpload>> stored,
        Func<Guid[], Expression<Func<TUpload, bool>>> stillUnattached,
        CancellationToken cancellationToken)
        where TUpload : notnull
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stillUnattached);
        var idOf = stored.Compile();
        var deleted = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var batch = await session.Query<TUpload>().Where(expired).Select(stored).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return deleted;
            }

            var ids = batch.Select(upload => upload.Id).ToArray();
            session.DeleteWhere(stillUnattached(ids));
            await session.SaveChangesAsync(cancellationToken);
            // The records the delete kept were attached in between: their files stay.
            var kept = (await session.LoadManyAsync<TUpload>(cancellationToken, ids)).Select(upload => idOf(upload).Id).ToHashSet();
            foreach (var upload in batch.Where(upload => !kept.Contains(upload.Id)))
            {
                await files.DeleteAsync(upload.StorageKey, cancellationToken);
                deleted++;
            }

            if (batch.Count < Batch)
            {
                return deleted;
            }
        }
    }
}
