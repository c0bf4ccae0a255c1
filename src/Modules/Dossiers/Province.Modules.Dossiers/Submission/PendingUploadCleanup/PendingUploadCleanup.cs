using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Submission.PendingUploadCleanup;

/// <summary>
/// Deletes citizens' uploads never submitted with a dossier once <c>Dossiers:PendingUploads:Retention</c> has passed:
/// the record first (only while it is still unattached), then the file of each record that is gone, so a file is never
/// deleted under a dossier. Officers' result files are attached when uploaded and never touched.
/// </summary>
internal sealed class PendingUploadCleanup(IDossiersStore store, IFileStore files, IOptions<DossiersSettings> settings, TimeProvider clock, ILogger<PendingUploadCleanup> logger)
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
            var expired = await session.Query<DossierFile>()
                .Where(f => f.DossierId == null && f.CitizenId != null && f.UploadedAt < cutoff)
                .Select(f => new ExpiredUpload(f.Id, f.StorageKey))
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return deleted;
            }

            var ids = expired.Select(f => f.Id).ToArray();
            session.DeleteWhere<DossierFile>(f => ids.Contains(f.Id) && f.DossierId == null);
            await session.SaveChangesAsync(cancellationToken);
            var kept = (await session.Query<DossierFile>().Where(f => ids.Contains(f.Id)).Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var upload in expired.Where(f => !kept.Contains(f.Id)))
            {
                await files.DeleteAsync(upload.StorageKey, cancellationToken);
                deleted++;
            }

            if (expired.Count < Batch)
            {
                return deleted;
            }
        }
    }

    private sealed record ExpiredUpload(Guid Id, string StorageKey);
}
