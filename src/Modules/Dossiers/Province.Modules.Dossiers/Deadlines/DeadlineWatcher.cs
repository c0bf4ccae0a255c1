using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Processing.OfficerQueue;

namespace Province.Modules.Dossiers.Deadlines;

/// <summary>
/// The claim that a "due soon" or "overdue" event was raised for a dossier and a due date. Its id names the
/// three, so the second instance to raise the same one fails its insert and drops its event (both are in
/// one SaveChanges). It lives beside the dossier, not in its stream: officers' versions are not disturbed.
/// </summary>
internal sealed class DeadlineAlert
{
    /// <summary>"{kind}/{dossier id}/{due date}".</summary>
    public required string Id { get; init; }

    public Guid DossierId { get; init; }

    public required string Kind { get; init; }

    public DateOnly DueDate { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public const string DueSoon = "due-soon";

    public const string Overdue = "overdue";

    public static string IdFor(string kind, Guid dossierId, DateOnly dueDate) => $"{kind}/{dossierId:N}/{dueDate:yyyyMMdd}";
}

/// <summary>
/// Raises <see cref="DossierDueSoon"/> and <see cref="DossierOverdue"/> once per dossier and due date.
/// The claim is a <see cref="DeadlineAlert"/> inserted in the same SaveChanges as the integration event,
/// so several host instances never raise it twice and a crash never loses it.
/// </summary>
internal sealed class DeadlineWatcher(
    IDossiersStore store,
    IServiceScopeFactory scopeFactory,
    IOptions<DeadlineSettings> settings,
    TimeProvider clock,
    ILogger<DeadlineWatcher> logger) : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.DeadlineScanInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlinePolicy>();
        var today = deadlines.Today;
        var dueSoonLimit = deadlines.DueSoonLimit;

        // The scan reads queue lines, not dossiers: a line carries what the events need (id, code, agency, assignee, due
        // date), and the open-queue partial index holds only open dossiers, so the scan reads those and nothing else. Read
        // from the dossiers it was a sequential scan of the whole table (no index serves "running and due by"): 1.2 s and
        // 1.3 GB through the buffer cache at 1,000,000 dossiers, at every start and every 15 minutes (ADR 24).
        List<DossierQueueLine> running;
        await using (var query = store.QuerySession())
        {
            // Only the running clock counts (a paused dossier waits for the citizen); the due date bounds the scan.
            running = [.. await query.Query<DossierQueueLine>()
                .Where(line => DossierStatusTexts.Running.Contains(line.Status) && line.DueDate <= dueSoonLimit)
                .ToListAsync(cancellationToken)];
        }

        var candidates = running.Select(line => (Line: line, Kind: line.DueDate < today ? DeadlineAlert.Overdue : DeadlineAlert.DueSoon)).ToList();
        var raisedBefore = new HashSet<string>(StringComparer.Ordinal);
        await using (var query = store.QuerySession())
        {
            foreach (var chunk in candidates.Chunk(500))
            {
                var ids = chunk.Select(c => DeadlineAlert.IdFor(c.Kind, c.Line.Id, c.Line.DueDate)).ToArray();
                raisedBefore.UnionWith((await query.LoadManyAsync<DeadlineAlert>(cancellationToken, ids)).Select(a => a.Id));
            }
        }

        var raised = 0;
        foreach (var (line, kind) in candidates)
        {
            var alertId = DeadlineAlert.IdFor(kind, line.Id, line.DueDate);
            if (raisedBefore.Contains(alertId))
            {
                continue;
            }

            var now = Clock.GetUtcNow().ToUniversalTime();
            await using var session = store.LightweightSession();
            session.Insert(new DeadlineAlert { Id = alertId, DossierId = line.Id, Kind = kind, DueDate = line.DueDate, RaisedAt = now });
            session.PublishIntegrationEvent(kind == DeadlineAlert.Overdue
                ? new DossierOverdue(Guid.CreateVersion7(), now, line.Id, line.Code, line.AgencyId, line.AssignedOfficerId, line.DueDate)
                : new DossierDueSoon(Guid.CreateVersion7(), now, line.Id, line.Code, line.AgencyId, line.AssignedOfficerId, line.DueDate));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                raised++;
            }
            catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                // Another instance raised it a moment earlier.
            }
        }

        return raised;
    }
}
