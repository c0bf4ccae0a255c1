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
    protected override TimeSpan Interval => settings.Value.PendingUploads.CleanupInterval;

    public override Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow().ToUniversalTime() - settings.Value.PendingUploads.Retention;
        return ExpiredUploads.DeleteAsync<ReportPhoto>(
            store,
            files,
            p => p.ReportId == null && p.UploadedAt < cutoff,
            p => new StoredUpload(p.Id, p.StorageKey),
            ids => p => ids.Contains(p.Id) && p.ReportId == null,
            cancellationToken);
    }
}
