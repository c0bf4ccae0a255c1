using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Hosting;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Workflow;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.Handling;

/// <summary>
/// An open report past its deadline goes up to the parent agency (once) with a fresh deadline, and
/// <see cref="FieldReportOverdue"/> is raised with the change in one transaction. The report's
/// version guards against an officer acting at the same moment.
/// </summary>
internal sealed class EscalationWatcher(IServiceScopeFactory scopeFactory, IOptions<FieldReportsSettings> settings, TimeProvider clock, ILogger<EscalationWatcher> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.EscalationScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FieldReportsDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<ReportWorkflow>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var now = Clock.GetUtcNow();
        var open = new[] { ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress };
        var overdue = await db.Reports.Where(r => open.Contains(r.Status) && r.DueAt < now && r.EscalatedToAgencyId == null)
            .OrderBy(r => r.DueAt).Take(100).ToListAsync(cancellationToken);
        var escalated = 0;
        foreach (var report in overdue)
        {
            var agency = await mediator.Send(new GetAgency(report.AgencyId), cancellationToken);
            var parent = agency?.ParentId;
            var hours = await db.Categories.Where(c => c.Id == report.CategoryId).Select(c => c.HandlingHours).SingleAsync(cancellationToken);
            report.EscalatedToAgencyId = parent ?? report.AgencyId;
            if (parent is { } parentId)
            {
                report.AgencyId = parentId;
                report.OfficerId = null;
                report.OfficerName = null;
                report.DueAt = now.AddHours(hours);
                workflow.Apply(report, ReportAction.Escalate, "Hệ thống", "Phản ánh quá hạn xử lý nên được chuyển lên cơ quan cấp trên.", null);
            }

            db.AddIntegrationEvent(new FieldReportOverdue(Guid.CreateVersion7(), now, report.Id, report.Code, report.AgencyId, parent));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // An officer (or another instance) changed it meanwhile: the next scan looks again.
                db.ChangeTracker.Clear();
            }
        }

        return escalated;
    }
}
