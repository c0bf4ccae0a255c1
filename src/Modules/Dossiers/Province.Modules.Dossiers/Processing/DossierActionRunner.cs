using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing;

/// <summary>
/// The shape every action on one dossier shares: fetch its stream for writing, hide it from whoever may
/// not act on it (404, as if missing), refuse a stale version (409), act, save. Marten's check at
/// SaveChanges (nobody appended to the stream since the fetch) makes the second of two simultaneous
/// writers fail with the same 409. The answer is the whole dossier as <paramref name="reader"/> reads it (the same
/// shape as the GET, with the actions allowed after this one), so a client never reads again after acting.
/// </summary>
internal sealed class DossierActionRunner(IDossiersStore store, DeadlinePolicy deadlines, SignedLinks links)
{
    public async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> RunAsync(
        Guid dossierId,
        DossierReader reader,
        Func<Dossier, bool> mayAct,
        int version,
        Func<DossierChange, Task<ProblemHttpResult?>> act,
        CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Dossier>(dossierId, cancellationToken);
        if (stream.Aggregate is not { } dossier || !mayAct(dossier))
        {
            return ReceiptEndpoints.NotFound();
        }

        // The version the client read is the stream's version minus one (Dossier.Revision).
        if (stream.CurrentVersion != Dossier.StreamVersionOf(version))
        {
            return StaleVersion();
        }

        var change = new DossierChange(session, stream);
        if (await act(change) is { } problem)
        {
            return problem;
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
        {
            return StaleVersion();
        }

        // The files and history as saved (one batched read); the dossier as this change left it.
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var files = batch.Query<DossierFile>().Where(f => f.DossierId == dossierId).ToList();
        var events = batch.Events.FetchStream(dossierId, 0, null, 0);
        await batch.Execute(cancellationToken);
        var history = (await events).OrderBy(e => e.Version).Select(e => e.Data).OfType<IDossierStep>().Select(e => e.Step);
        return TypedResults.Ok(DossierDetailResponse.From(change.Dossier, await files, history, reader, deadlines, links));
    }

    private static ProblemHttpResult StaleVersion() =>
        Problems.Conflict("dossier.stale_version", "Hồ sơ vừa được cập nhật bởi người khác. Vui lòng tải lại hồ sơ rồi thực hiện lại.");
}
