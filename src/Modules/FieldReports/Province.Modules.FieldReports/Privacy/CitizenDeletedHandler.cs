using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.FieldReports.Data;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.Privacy;

/// <summary>
/// The citizen deleted their profile (Decree 13/2023): their reports stay (the problem in the street and the agency's
/// public answer are the province's record), but nothing left says who reported them. The reporter's name, phone and
/// e-mail are removed from each report and from its stream's first event, through Marten's event data masking (the
/// rule is in <see cref="IFieldReportsStore.Configure"/>): a rebuilt snapshot cannot bring them back.
/// </summary>
internal sealed class CitizenDeletedHandler(IFieldReportsStore store, TimeProvider clock)
    : IdempotentEventConsumer<CitizenDeleted, IFieldReportsStore>(store, clock)
{
    protected override async Task ApplyAsync(CitizenDeleted integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        var reports = await session.Query<FieldReport>().Where(r => r.CitizenId == integrationEvent.CitizenId).ToListAsync(cancellationToken);
        if (reports.Count == 0)
        {
            return;
        }

        // Masking runs in its own transaction first; it is idempotent, so a crash before the snapshots are saved
        // masks again on redelivery.
        await session.DocumentStore.Advanced.ApplyEventDataMasking(masking =>
        {
            foreach (var report in reports)
            {
                masking.IncludeStream(report.Id);
            }
        }, cancellationToken);

        foreach (var report in reports)
        {
            report.CitizenId = null;
            report.ReporterName = null;
            report.ReporterPhone = null;
            report.ReporterEmail = null;
            session.Store(report);
        }
    }
}
