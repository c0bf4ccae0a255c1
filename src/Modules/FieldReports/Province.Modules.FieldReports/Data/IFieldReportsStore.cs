using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Weasel.Postgresql.Tables;

namespace Province.Modules.FieldReports.Data;

/// <summary>
/// The FieldReports module's own Marten store (schema <c>field_reports</c>): a report's handling is an event
/// stream (<see cref="ReportSubmitted"/>, <see cref="ReportOfficerAssigned"/>, ...) with <see cref="FieldReport"/>
/// as its inline snapshot; categories, routing rules, photo metadata, questions and Open311 clients are documents.
/// </summary>
public interface IFieldReportsStore : IDocumentStore
{
    public const string SchemaName = "field_reports";

    /// <summary>Documents, indexes, events and the report projection; called once when the store is built.</summary>
    internal static void Configure(StoreOptions options)
    {
        options.Events.AddEventTypes([
            typeof(ReportSubmitted), typeof(ReportOfficerAssigned), typeof(ReportHandlingStarted), typeof(ReportInformationRequested),
            typeof(ReportInformationProvided), typeof(ReportAnswered), typeof(ReportRejected), typeof(ReportClosed), typeof(ReportForwarded),
            typeof(ReportRecategorized), typeof(ReportEscalated), typeof(ReportOverdueAtTopAgency), typeof(ReportRated), typeof(ReportReopened),
            typeof(ReportRedacted), typeof(ReportVisibilityChanged),
        ]);
        options.Projections.Snapshot<FieldReport>(SnapshotLifecycle.Inline);
        // What erasing a citizen (CitizenDeleted) removes from the stored events: who reported, never what was reported.
        options.Events.AddMaskingRuleForProtectedInformation<ReportSubmitted>(submitted =>
            submitted with { CitizenId = null, ReporterName = null, ReporterPhone = null, ReporterEmail = null });

        // The hot reads filter and sort on real columns (duplicated from the JSON, kept in step by Marten on every
        // snapshot write); the composite and partial indexes below are built on them.
        options.Schema.For<FieldReport>()
            // The public page and Open311 look reports up by code; a second report with the same code fails.
            .Duplicate(r => r.Code, configure: index => index.IsUnique = true)
            // The escalation watcher's scan of open reports past their deadline.
            .Duplicate(r => r.DueAt)
            // Open311's date-range search and the statistics' period.
            .Duplicate(r => r.CreatedAt)
            // The public feed's ward filter reads the distinct spellings of the areas; the staff queue filters by ward.
            .Duplicate(r => r.Area);
        // Columns the composite and partial indexes below serve, duplicated without the one-column index Schema.For().Duplicate()
        // adds to each: every index is written on each report's submission and on each of its steps, and six of them were
        // the leading column of a composite index or the predicate of the feed's (docs/decisions.md ADR 24).
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(FieldReport))
            {
                return;
            }

            mapping.DuplicateField(nameof(FieldReport.AgencyId));
            mapping.DuplicateField(nameof(FieldReport.Status));
            mapping.DuplicateField(nameof(FieldReport.InPublicFeed));
            mapping.DuplicateField(nameof(FieldReport.AnsweredAt));
            mapping.DuplicateField(nameof(FieldReport.CitizenId));
            mapping.DuplicateField(nameof(FieldReport.CategoryId));

            // The agency's queue: its reports by status, earliest deadline first (and the statistics of one agency).
            mapping.AddIndex("agency_id", "status", "due_at").Name = "ix_field_reports_agency_queue";
            // The public feed: answered reports, newest answer first, one page read from this partial index. The
            // predicate is written as PostgreSQL prints it, or the index would be rebuilt at every start.
            var feed = mapping.AddIndex("answered_at");
            feed.Name = "ix_field_reports_public_feed";
            feed.SortOrder = SortOrder.Desc;
            feed.Predicate = "in_public_feed";
            // The citizen's own reports, newest first.
            mapping.AddIndex("citizen_id", "created_at").Name = "ix_field_reports_citizen";
            // Open311's service_code filter with status, and the duplicate hint of open reports nearby.
            mapping.AddIndex("category_id", "status").Name = "ix_field_reports_category_status";
        });

        options.Schema.For<Category>().Duplicate(c => c.Code, configure: index => index.IsUnique = true);
        options.Schema.For<RoutingRule>();
        options.Schema.For<ReportPhoto>();
        options.Schema.For<Question>()
            .Duplicate(q => q.AgencyId)
            .Duplicate(q => q.CitizenId);
        options.Schema.For<Open311Client>().Duplicate(c => c.KeyHash, configure: index => index.IsUnique = true);
    }
}
