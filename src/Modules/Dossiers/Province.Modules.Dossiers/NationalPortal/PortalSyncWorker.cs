using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.NationalPortal;

/// <summary>
/// Sends queued portal calls oldest first. One sender works at a time across all host instances (a
/// PostgreSQL advisory lock), so calls about a dossier reach the portal in the order they happened;
/// a failing call stops the round and is retried with growing pauses, later calls wait behind it.
/// A call is marked sent right after the portal accepts it; only a crash in between could resend it,
/// and DongBoHoSoMC is an upsert by MaHoSo.
/// </summary>
internal sealed partial class PortalSyncWorker(
    IServiceScopeFactory scopeFactory,
    IOptions<NationalPortalOptions> options,
    TimeProvider clock,
    ILogger<PortalSyncWorker> logger) : BackgroundService
{
    /// <summary>Any constant shared by all instances; it names this sender's advisory lock.</summary>
    private const long SenderLock = 0x50524F56_53594E43;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var wait = settings.SyncPollInterval;
            try
            {
                var (sent, failed) = await SendRoundAsync(stoppingToken);
                failures = failed ? failures + 1 : 0;
                if (failed)
                {
                    wait = TimeSpan.FromTicks(Math.Min(settings.SyncMaxBackoff.Ticks, settings.SyncPollInterval.Ticks * (1L << Math.Min(failures, 10))));
                }
                else if (sent >= settings.SyncBatchSize)
                {
                    wait = TimeSpan.Zero;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: how many calls were sent and whether one failed.</summary>
    public async Task<(int Sent, bool Failed)> SendRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var client = scope.ServiceProvider.GetRequiredService<INationalPortalClient>();
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres && !await TryLockAsync(db, cancellationToken))
            {
                return (0, false);
            }

            try
            {
                var pending = await db.PortalSyncMessages.Where(m => m.SentAt == null)
                    .OrderBy(m => m.Sequence).Take(options.Value.SyncBatchSize)
                    .ToListAsync(cancellationToken);
                var sent = 0;
                foreach (var message in pending)
                {
                    try
                    {
                        await client.SendAsync(message.Service, JsonNode.Parse(message.Payload)!.AsObject(), cancellationToken);
                        message.SentAt = clock.GetUtcNow();
                        sent++;
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        message.Attempts++;
                        message.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                        LogCallFailed(logger, exception, message.Sequence, message.Service, message.Attempts);
                        await db.SaveChangesAsync(CancellationToken.None);
                        return (sent, true);
                    }

                    await db.SaveChangesAsync(CancellationToken.None);
                }

                return (sent, false);
            }
            finally
            {
                if (postgres)
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [SenderLock], CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> TryLockAsync(DossiersDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_lock({0}) AS \"Value\"", SenderLock).SingleAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "National portal sync round failed; retrying later")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "National portal call {Sequence} ({Service}) failed on attempt {Attempts}; later calls wait")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, long sequence, string service, int attempts);
}
