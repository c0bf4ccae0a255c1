using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// Deletes photos never sent with a report (citizens') or an answer (officers') once
/// <c>FieldReports:PendingUploads:Retention</c> has passed: the record first (only while it is still unattached), then
/// the file of each record that is gone, so a published photo is never deleted.
/// </summary>
internal sealed class PendingPhotoCleanup(IFieldReportsStore store, IFileStore files, IOptions<FieldReportsSettings> settings, TimeProvider clock, ILogger<PendingPhotoCleanup> logger)
    : PeriodicBackgroundService(clock, logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => settings.Value.PendingUploads.CleanupInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow().ToUniversalTime() - settings.Value.PendingUploads.Retention;
        var deleted = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var expired = await session.Query<ReportPhoto>()
                .Where(p => p.ReportId == null && p.UploadedAt < cutoff)
                .Select(p => new ExpiredPhoto(p.Id, p.StorageKey))
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return deleted;
            }

            var ids = expired.Select(p => p.Id).ToArray();
            session.DeleteWhere<ReportPhoto>(p => ids.Contains(p.Id) && p.ReportId == null);
            await session.SaveChangesAsync(cancellationToken);
            var kept = (await session.Query<ReportPhoto>().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var photo in expired.Where(p => !kept.Contains(p.Id)))
            {
                await files.DeleteAsync(photo.StorageKey, cancellationToken);
                deleted++;
            }

            if (expired.Count < Batch)
            {
                return deleted;
            }
        }
    }

    private sealed record ExpiredPhoto(Guid Id, string StorageKey);
}
