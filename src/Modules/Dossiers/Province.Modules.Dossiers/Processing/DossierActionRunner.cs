using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing;

/// <summary>The state after an action: what the client needs to carry on (the new version above all).</summary>
internal sealed record DossierStateResponse(Guid Id, string Code, int Status, string StatusText, DateOnly DueDate, string Timeliness, int Version);

/// <summary>
/// The shape every action on one dossier shares: load it, hide it from whoever may not act on it
/// (404, as if missing), refuse a stale version (409), act, save. The save's concurrency check
/// (Version) makes the second of two simultaneous writers fail with 409 too.
/// </summary>
internal sealed class DossierActionRunner(DossiersDbContext db, DeadlinePolicy deadlines)
{
    public async Task<Results<Ok<DossierStateResponse>, ProblemHttpResult>> RunAsync(
        Guid dossierId,
        Func<Dossier, bool> mayAct,
        int version,
        Func<Dossier, Task<ProblemHttpResult?>> act,
        CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.SingleOrDefaultAsync(d => d.Id == dossierId, cancellationToken);
        if (dossier is null || !mayAct(dossier))
        {
            return ReceiptEndpoints.NotFound();
        }

        if (dossier.Version != version)
        {
            return Problems.Conflict("dossier.stale_version",
                "Hồ sơ vừa được cập nhật bởi người khác. Vui lòng tải lại hồ sơ rồi thực hiện lại.");
        }

        if (await act(dossier) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DossierStateResponse(
            dossier.Id, dossier.Code, (int)dossier.Status, dossier.Status.Text(), dossier.DueDate,
            DossierSummaryResponse.TimelinessName(deadlines.Of(dossier.Status, dossier.DueDate)), dossier.Version));
    }
}
