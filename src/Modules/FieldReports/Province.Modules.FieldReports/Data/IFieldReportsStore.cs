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
        ]);
        options.Projections.Snapshot<FieldReport>(SnapshotLifecycle.Inline);

        options.Schema.For<FieldReport>()
            // The public page and Open311 look reports up by code; a second report with the same code fails.
            .Duplicate(r => r.Code, configure: index => index.IsUnique = true)
            // The agency's queue: its reports by status, earliest deadline first.
            .Duplicate(r => r.AgencyId, configure: index => index.Columns = ["agency_id", "status", "due_at"])
            .Duplicate(r => r.Status, configure: index => index.Columns = ["status", "due_at"])
            .Duplicate(r => r.DueAt)
            // The public feed: answered reports, newest answer first, one page read from this partial index. The
            // predicate is written as PostgreSQL prints it, or the index would be rebuilt at every start.
            .Duplicate(r => r.InPublicFeed, configure: index =>
            {
                index.Name = "ix_field_reports_public_feed";
                index.Columns = ["answered_at"];
                index.SortOrder = SortOrder.Desc;
                index.Predicate = "in_public_feed";
            })
            .Duplicate(r => r.AnsweredAt)
            // The citizen's own reports, newest first; Open311's date-range search.
            .Duplicate(r => r.CitizenId, configure: index => index.Columns = ["citizen_id", "created_at"])
            .Duplicate(r => r.CreatedAt)
            // Open311's service_code filter and the duplicate hint of open reports nearby.
            .Duplicate(r => r.CategoryId, configure: index => index.Columns = ["category_id", "status"]);

        options.Schema.For<Category>().Duplicate(c => c.Code, configure: index => index.IsUnique = true);
        options.Schema.For<RoutingRule>();
        options.Schema.For<ReportPhoto>();
        options.Schema.For<Question>()
            .Duplicate(q => q.AgencyId)
            .Duplicate(q => q.CitizenId);
        options.Schema.For<Open311Client>().Duplicate(c => c.KeyHash, configure: index => index.IsUnique = true);
    }
}
