using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing;

/// <summary>The state after an action: what the client needs to carry on (the new version above all).</summary>
internal sealed record DossierStateResponse(Guid Id, string Code, int Status, string StatusText, DateOnly DueDate, string Timeliness, int Version);

/// <summary>
/// The shape every action on one dossier shares: fetch its stream for writing, hide it from whoever may
/// not act on it (404, as if missing), refuse a stale version (409), act, save. Marten's check at
/// SaveChanges (nobody appended to the stream since the fetch) makes the second of two simultaneous
/// writers fail with the same 409.
/// </summary>
internal sealed class DossierActionRunner(IDossiersStore store, DeadlinePolicy deadlines)
{
    public async Task<Results<Ok<DossierStateResponse>, ProblemHttpResult>> RunAsync(
        Guid dossierId,
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

        dossier = change.Dossier;
        return TypedResults.Ok(new DossierStateResponse(
            dossier.Id, dossier.Code, (int)dossier.Status, dossier.Status.Text(), dossier.DueDate,
            DossierSummaryResponse.TimelinessName(deadlines.Of(dossier.Status, dossier.DueDate)), dossier.Revision));
    }

    private static ProblemHttpResult StaleVersion() =>
        Problems.Conflict("dossier.stale_version", "Hồ sơ vừa được cập nhật bởi người khác. Vui lòng tải lại hồ sơ rồi thực hiện lại.");
}
