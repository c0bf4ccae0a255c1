using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Persistence;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Workflow;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.Handling;

/// <summary>
/// An open report past its deadline goes up (once) with a fresh deadline: from a commune to the department competent
/// for its category (local government has had two tiers since 1 July 2025: no district in between), otherwise to the
/// agency's parent (a department's is the province's People's Committee); and
/// <see cref="FieldReportOverdue"/> is raised with the change in one transaction. The report's
/// stream version guards against an officer acting at the same moment.
/// </summary>
internal sealed class EscalationWatcher(IServiceScopeFactory scopeFactory, IFieldReportsStore store, IOptions<FieldReportsSettings> settings, TimeProvider clock, ILogger<EscalationWatcher> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.EscalationScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var now = Clock.GetUtcNow().ToUniversalTime();
        var open = new[] { ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress };
        IReadOnlyList<FieldReport> overdue;
        await using (var query = store.QuerySession())
        {
            overdue = await query.Query<FieldReport>().Where(r => open.Contains(r.Status) && r.DueAt < now && r.EscalatedToAgencyId == null)
                .OrderBy(r => r.DueAt).Take(100).ToListAsync(cancellationToken);
        }

        var escalated = 0;
        foreach (var report in overdue)
        {
            var agency = await mediator.Send(new GetAgency(report.AgencyId), cancellationToken);
            await using var session = store.LightweightSession();
            try
            {
                var category = await session.LoadAsync<Category>(report.CategoryId, cancellationToken);
                var parent = agency?.Level == "commune" && category?.EscalationAgencyId is { } competent && competent != report.AgencyId
                    ? competent
                    : agency?.ParentId;
                var stream = await ReportingEndpoints.FetchForWritingAsync(session, report, cancellationToken);
                if (parent is { } parentId)
                {
                    var target = await mediator.Send(new GetAgency(parentId), cancellationToken);
                    ReportWorkflow.Apply(stream, ReportAction.Escalate, new ReportEscalated(parentId, now.AddHours(category?.HandlingHours ?? 72), now, "Hệ thống", report.Status,
                        $"Phản ánh quá hạn xử lý nên được chuyển lên cơ quan cấp trên có thẩm quyền{(target is null ? "" : $": {target.Name}")}.", null, target?.Name));
                }
                else
                {
                    stream.AppendOne(new ReportOverdueAtTopAgency(report.AgencyId, now, "Hệ thống", report.Status, null));
                }

                session.PublishIntegrationEvent(new FieldReportOverdue(Guid.CreateVersion7(), now, report.Id, report.Code, parent ?? report.AgencyId, parent));
                await session.SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
            {
                // An officer (or another instance) changed it meanwhile: the next scan looks again.
            }
        }

        return escalated;
    }
}
