using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Deadlines;

/// <summary>
/// Raises <see cref="DossierDueSoon"/> and <see cref="DossierOverdue"/> once per dossier and due date.
/// The claim is a conditional UPDATE (only the instance that flips the marker raises the event),
/// saved with the outbox row in one transaction, so several host instances never raise it twice and
/// a crash never loses it. The marker is not the dossier's Version: officers' edits are not disturbed.
/// </summary>
internal sealed class DeadlineWatcher(
    IServiceScopeFactory scopeFactory,
    IOptions<DeadlineSettings> settings,
    TimeProvider clock,
    ILogger<DeadlineWatcher> logger) : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.DeadlineScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlinePolicy>();
        var today = deadlines.Today;
        var dueSoonLimit = deadlines.DueSoonLimit;
        var running = DossierStatusTexts.Running;

        var candidates = await db.Dossiers.AsNoTracking()
            .Where(d => running.Contains(d.Status) && d.DueDate <= dueSoonLimit
                && (d.DueDate < today ? d.OverdueRaisedFor != d.DueDate || d.OverdueRaisedFor == null : d.DueSoonRaisedFor != d.DueDate || d.DueSoonRaisedFor == null))
            .Select(d => new { d.Id, d.Code, d.AgencyId, d.AssignedOfficerId, d.DueDate })
            .Take(500)
            .ToListAsync(cancellationToken);

        var raised = 0;
        foreach (var dossier in candidates)
        {
            var overdue = dossier.DueDate < today;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = overdue
                ? await db.Dossiers.Where(d => d.Id == dossier.Id && d.DueDate == dossier.DueDate && (d.OverdueRaisedFor == null || d.OverdueRaisedFor != dossier.DueDate))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.OverdueRaisedFor, dossier.DueDate), cancellationToken)
                : await db.Dossiers.Where(d => d.Id == dossier.Id && d.DueDate == dossier.DueDate && (d.DueSoonRaisedFor == null || d.DueSoonRaisedFor != dossier.DueDate))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.DueSoonRaisedFor, dossier.DueDate), cancellationToken);
            if (claimed == 1)
            {
                var now = Clock.GetUtcNow();
                db.AddIntegrationEvent(overdue
                    ? new DossierOverdue(Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.AgencyId, dossier.AssignedOfficerId, dossier.DueDate)
                    : new DossierDueSoon(Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.AgencyId, dossier.AssignedOfficerId, dossier.DueDate));
                await db.SaveChangesAsync(cancellationToken);
                raised++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return raised;
    }
}
