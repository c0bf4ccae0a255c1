using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Submission.PendingUploadCleanup;

/// <summary>
/// Deletes citizens' (and counter officers') uploads never submitted with a dossier once <c>Dossiers:PendingUploads:Retention</c> has passed:
/// the record first (only while it is still unattached), then the file of each record that is gone, so a file is never
/// deleted under a dossier. Officers' result files are attached when uploaded and never touched.
/// </summary>
internal sealed class PendingUploadCleanup(IDossiersStore store, IFileStore files, IOptions<DossiersSettings> settings, TimeProvider clock, ILogger<PendingUploadCleanup> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => settings.Value.PendingUploads.CleanupInterval;

    public override Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow().ToUniversalTime() - settings.Value.PendingUploads.Retention;
        return ExpiredUploads.DeleteAsync<DossierFile>(
            store,
            files,
            f => f.DossierId == null && (f.CitizenId != null || f.StaffId != null) && f.UploadedAt < cutoff,
            f => new StoredUpload(f.Id, f.StorageKey),
            ids => f => ids.Contains(f.Id) && f.DossierId == null,
            cancellationToken);
    }
}
