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
            .Duplicate(r => r.AgencyId)
            .Duplicate(r => r.Status)
            // The escalation watcher's scan of open reports past their deadline.
            .Duplicate(r => r.DueAt)
            .Duplicate(r => r.InPublicFeed)
            .Duplicate(r => r.AnsweredAt)
            .Duplicate(r => r.CitizenId)
            // Open311's date-range search.
            .Duplicate(r => r.CreatedAt)
            .Duplicate(r => r.CategoryId)
            // The public feed's ward filter reads the distinct spellings of the areas.
            .Duplicate(r => r.Area)
            // The agency's queue: its reports by status, earliest deadline first.
            .Index([r => r.AgencyId, r => r.Status, r => r.DueAt], index => index.Name = "ix_field_reports_agency_queue")
            // The public feed: answered reports, newest answer first, one page read from this partial index. The
            // predicate is written as PostgreSQL prints it, or the index would be rebuilt at every start.
            .Index(r => r.AnsweredAt, index =>
            {
                index.Name = "ix_field_reports_public_feed";
                index.SortOrder = SortOrder.Desc;
                index.Predicate = "in_public_feed";
            })
            // The citizen's own reports, newest first.
            .Index([r => r.CitizenId!, r => r.CreatedAt], index => index.Name = "ix_field_reports_citizen")
            // Open311's service_code filter with status, and the duplicate hint of open reports nearby.
            .Index([r => r.CategoryId, r => r.Status], index => index.Name = "ix_field_reports_category_status");

        options.Schema.For<Category>().Duplicate(c => c.Code, configure: index => index.IsUnique = true);
        options.Schema.For<RoutingRule>();
        options.Schema.For<ReportPhoto>();
        options.Schema.For<Question>()
            .Duplicate(q => q.AgencyId)
            .Duplicate(q => q.CitizenId);
        options.Schema.For<Open311Client>().Duplicate(c => c.KeyHash, configure: index => index.IsUnique = true);
    }
}
