using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.NationalPortal;
using Province.Modules.Dossiers.Processing.OfficerQueue;
using Province.Modules.Dossiers.Tracking.LookupDossier;
using Weasel.Postgresql.Tables;

namespace Province.Modules.Dossiers.Data;

/// <summary>
/// The Dossiers module's own Marten store (schema <c>dossiers</c>): the procedure catalog and uploaded
/// files as documents, each dossier as an event stream (one event per workflow step, the legal audit)
/// with its current state as an inline snapshot, the national portal's queued calls as events read by
/// the module's own subscription, and the daily counter of dossier codes.
/// </summary>
public interface IDossiersStore : IDocumentStore
{
    public const string SchemaName = "dossiers";

    /// <summary>The running number of dossier codes, per agency and day.</summary>
    internal const string CodeCounter = "dossier_code_counters";

    /// <summary>
    /// The officers' queue index: an agency's open dossiers in due-date order, read straight from the index
    /// (a LIMIT stops after one page) however many closed dossiers ten years leave behind; the status is
    /// carried so the timeliness filters and the total are counted without visiting the table. The
    /// predicate is written exactly as PostgreSQL prints it (pg_get_indexdef), otherwise the schema check
    /// at start sees a difference and rebuilds the index every time.
    /// </summary>
    internal const string OpenQueuePredicate =
        "((status)::text = ANY (ARRAY[('New'::character varying)::text, ('Accepted'::character varying)::text, ('Processing'::character varying)::text, " +
        "('SupplementRequested'::character varying)::text, ('FeeRequested'::character varying)::text]))";

    /// <summary>New or changed queue lines autovacuum waits for, besides <see cref="QueueLinesVacuumScaleFactor"/> of the table.</summary>
    internal const int QueueLinesVacuumThreshold = 1000;

    /// <summary>The share of the queue lines' table whose new or changed lines autovacuum waits for (0.2%: 2,000 at a million).</summary>
    internal const double QueueLinesVacuumScaleFactor = 0.002;

    /// <summary>Documents, indexes, projections, event types and counters of the module; called once when the store is built.</summary>
    internal static void Configure(StoreOptions options)
    {
        options.Schema.For<Procedure>()
            // The national code is what citizens, imports and other modules look procedures up by; a second
            // entry with the same code (two hosts seeding at once) fails instead of doubling the catalog.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "procedures_code", p => p.Code);

        // A few dozen a year, read whole by the working calendar.
        options.Schema.For<CalendarDay>().Identity(d => d.Id);

        options.Schema.For<DossierFile>()
            // A dossier's files; a citizen's uploads not yet attached, found again by content when a retry uploads the same bytes.
            .Duplicate(f => f.DossierId)
            // Every read by citizen is of the uploads not yet attached (quota, retry, submission): a partial index of those
            // only, so a citizen's thousands of attached files are never scanned (written as pg_get_indexdef prints it).
            .Duplicate(f => f.CitizenId, configure: index => index.Predicate = "(dossier_id IS NULL)");

        // The snapshot, and the queue line and lookup view beside it in the same transaction (side effects of the inline projection).
        options.Projections.Add(new DossierProjection(), ProjectionLifecycle.Inline);
        options.Events.EnableSideEffectsOnInlineProjections = true;
        options.Schema.For<Dossier>()
            // One dossier a code (two submissions drawing the same number fail instead of sharing it); looked up by the view below.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "dossiers_code", d => d.Code);
        // Registered, not left to Marten's creation on first use: a production database gets its table from the migration.
        options.Schema.For<DossierQueueLine>()
            // Vacuumed after a few thousand new or changed lines, not after a fifth of the table (PostgreSQL's default: 200,000
            // at a million lines). The queue's total is counted from the open-queue index alone only for lines on pages the
            // last vacuum marked all-visible; every other line is fetched from the table too. After a burst of submissions
            // the ward's open-work count fetched 19,356 of its 20,602 lines (10.4 ms a call, 650 queues a second instead of
            // 3,000) until a vacuum (docs/decisions.md ADR 24, fourteenth session). Vacuuming lines only appended since the
            // last one reads only the pages they are on (the visibility map says which), and a few thousand dead versions
            // skip the index passes (PostgreSQL 14+), so the vacuum's own cost stays small.
            .StorageParameter(StorageParameterNames.AutovacuumVacuumInsertThreshold, QueueLinesVacuumThreshold)
            .StorageParameter(StorageParameterNames.AutovacuumVacuumInsertScaleFactor, QueueLinesVacuumScaleFactor)
            .StorageParameter(StorageParameterNames.AutovacuumVacuumThreshold, QueueLinesVacuumThreshold)
            .StorageParameter(StorageParameterNames.AutovacuumVacuumScaleFactor, QueueLinesVacuumScaleFactor);
        options.Schema.For<DossierLookup>()
            // The public lookup by the code on the receipt (QR code): one small row through this index.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "dossierlookups_code", l => l.Code);
        // The hot reads' columns, duplicated without the one-column index Schema.For().Duplicate() would add to
        // each: the composite indexes below serve them.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(Dossier))
            {
                mapping.DuplicateField(nameof(Dossier.AgencyId), notNull: true);
                mapping.DuplicateField(nameof(Dossier.Status), notNull: true);
                mapping.DuplicateField(nameof(Dossier.DueDate), notNull: true);
                mapping.DuplicateField(nameof(Dossier.SubmittedAt), notNull: true);
                mapping.DuplicateField(nameof(Dossier.CitizenId), notNull: true);

                // "My dossiers", newest first.
                mapping.AddIndex("citizen_id", "submitted_at").Name = "mt_doc_dossier_idx_citizen_submitted_at";
                // The deadline watcher: running dossiers up to the due-soon limit.
                mapping.AddIndex("due_date").Name = "mt_doc_dossier_idx_due_date";
            }
            else if (mapping.DocumentType == typeof(DossierQueueLine))
            {
                // The staff queue reads lines only (and the statistics their open counts): its indexes live here.
                mapping.DuplicateField(nameof(DossierQueueLine.AgencyId), notNull: true);
                mapping.DuplicateField(nameof(DossierQueueLine.Status), notNull: true);
                mapping.DuplicateField(nameof(DossierQueueLine.DueDate), notNull: true);
                mapping.DuplicateField(nameof(DossierQueueLine.SubmittedAt), notNull: true);
                mapping.DuplicateField(nameof(DossierQueueLine.AssignedOfficerId));
                mapping.DuplicateField(nameof(DossierQueueLine.ProcedureCode));
                // The queue's search (q), always within one agency's rows: a plain column, no index of its own.
                mapping.DuplicateField(nameof(DossierQueueLine.SearchText));

                // The queue filtered on one status (closed ones included), by due date.
                mapping.AddIndex("agency_id", "status", "due_date").Name = "mt_doc_dossierqueueline_idx_agency_status_due_date";
                var openQueue = mapping.AddIndex("agency_id", "due_date", "submitted_at");
                openQueue.Name = "mt_doc_dossierqueueline_idx_open_by_due_date";
                openQueue.IncludeColumns = ["status"];
                openQueue.Predicate = OpenQueuePredicate;
            }
        });

        // Recorded once the queue lines and lookup views of dossiers stored before them were filled in.
        options.Schema.For<DossierQueueLinesFilled>();
        options.Schema.For<DossierLookupsFilled>();

        foreach (var step in new[]
        {
            typeof(DossierSubmittedOnline), typeof(DossierAccepted), typeof(DossierRefused), typeof(DossierAssigned),
            typeof(SupplementRequested), typeof(SupplementSubmitted), typeof(FeeRequested), typeof(FeePaid),
            typeof(DossierCompleted), typeof(ResultReturned), typeof(DossierStopped), typeof(DossierWithdrawn),
            typeof(DeadlineExtended), typeof(ApologyLetterIssued), typeof(PortalCallQueued), typeof(DossierTransferred),
        })
        {
            options.Events.AddEventType(step);
        }

        // The daemon looks for new events every quarter second even when the store is quiet (default: one
        // second, paid again at every page boundary): a status change reaches the portal and the citizen's
        // inbox promptly. A quarter-second poll is one indexed max(seq_id) query; LISTEN/NOTIFY would be
        // faster still but costs 13-29% of append throughput (shared/reference/marten.md).
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);

        options.Schema.For<PortalCall>().Identity(c => c.Id);
        options.Schema.For<DeadlineAlert>().Identity(a => a.Id);
        options.AddDailyCounter(CodeCounter);
    }
}
