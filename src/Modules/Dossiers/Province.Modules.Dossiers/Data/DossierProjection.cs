using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Province.Modules.Dossiers.Processing.OfficerQueue;
using Province.Modules.Dossiers.Tracking.LookupDossier;

namespace Province.Modules.Dossiers.Data;

/// <summary>
/// The dossier's inline snapshot (its own Create and Apply methods, as <c>Projections.Snapshot&lt;Dossier&gt;</c> would),
/// and beside it the dossier's views, its <see cref="DossierQueueLine"/> (the staff queue) and its <see cref="DossierLookup"/>
/// (the public lookup), stored as side effects of the same slice: Marten writes them in the batch and transaction of the
/// step (<c>EnableSideEffectsOnInlineProjections</c>), so neither read ever shows a state the dossier does not have, and
/// the views are derived from the state itself rather than by a second copy of the rules that move statuses and due dates.
/// </summary>
internal sealed class DossierProjection : SingleStreamProjection<Dossier, Guid>
{
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<Dossier> slice)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Snapshot is { } dossier)
        {
            operations.Store(DossierQueueLine.Of(dossier));
            operations.Store(DossierLookup.Of(dossier));
        }

        return ValueTask.CompletedTask;
    }
}
