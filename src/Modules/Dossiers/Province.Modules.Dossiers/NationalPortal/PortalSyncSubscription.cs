using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.NationalPortal;

/// <summary>
/// A call made to the national portal, keyed by the id of its <see cref="PortalCallQueued"/> event: written
/// at each failed attempt (for operators: which call is stuck, and why) and when the portal accepts it,
/// so a redelivery after a crash does not send the call again.
/// </summary>
internal sealed class PortalCall
{
    /// <summary>The <see cref="PortalCallQueued"/> event's id.</summary>
    public Guid Id { get; init; }

    public Guid DossierId { get; init; }

    public required string Service { get; init; }

    public long Sequence { get; init; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>
/// Sends the queued portal calls, oldest first: a Marten subscription of its own on the Dossiers store,
/// run by the async daemon on one leader among the host instances, so calls about a dossier reach the
/// portal in the order they happened. A failing call is retried with growing pauses (from
/// <see cref="NationalPortalOptions.SyncPollInterval"/> up to <see cref="NationalPortalOptions.SyncMaxBackoff"/>)
/// and later calls wait behind it; it never throws out, so Marten never skips a call. A portal outage
/// therefore holds back this subscription only, never the integration-event relay (notifications).
/// Each accepted call is recorded at once (<see cref="PortalCall"/>): only a crash between the portal's
/// answer and that record could send a call twice, and DongBoHoSoMC is an upsert by MaHoSo.
/// </summary>
internal sealed partial class PortalSyncSubscription : SubscriptionBase
{
    public const string SubscriptionName = "national-portal";

    private readonly IServiceProvider services;
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<NationalPortalOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<PortalSyncSubscription> logger;

    // The store is resolved when first needed: the subscription is built while the store itself is being built.
    public PortalSyncSubscription(IServiceProvider services, IServiceScopeFactory scopes, IOptions<NationalPortalOptions> options, TimeProvider clock,
        ILogger<PortalSyncSubscription> logger)
    {
        this.services = services;
        this.scopes = scopes;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        Name = SubscriptionName;
        IncludeType<PortalCallQueued>();
    }

    private IDossiersStore Store => services.GetRequiredService<IDossiersStore>();

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var calls = page.Events.Where(e => e.Data is PortalCallQueued).ToList();
        if (calls.Count == 0)
        {
            return NullChangeListener.Instance;
        }

        // What this page already sent (a redelivery after a crash before the checkpoint), read once for the page.
        Dictionary<Guid, PortalCall> records;
        await using (var query = Store.QuerySession())
        {
            records = (await query.LoadManyAsync<PortalCall>(cancellationToken, calls.Select(e => e.Id))).ToDictionary(c => c.Id);
        }

        foreach (var stored in calls)
        {
            var call = (PortalCallQueued)stored.Data;
            var record = records.GetValueOrDefault(stored.Id)
                ?? new PortalCall { Id = stored.Id, DossierId = call.DossierId, Service = call.Service, Sequence = stored.Sequence };
            if (record.SentAt is null)
            {
                await SendUntilAcceptedAsync(record, call, cancellationToken);
            }
        }

        return NullChangeListener.Instance;
    }

    private async Task SendUntilAcceptedAsync(PortalCall record, PortalCallQueued call, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(call.Payload)!.AsObject();
        var pause = options.Value.SyncPollInterval;
        while (true)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<INationalPortalClient>().SendAsync(call.Service, payload, cancellationToken);
                }

                record.SentAt = clock.GetUtcNow().ToUniversalTime();
                await SaveAsync(record, cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                record.Attempts++;
                record.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                LogCallFailed(logger, exception, record.Sequence, call.Service, record.Attempts);
                await TrySaveAsync(record, cancellationToken);
            }

            await Task.Delay(pause, clock, cancellationToken);
            var maxBackoff = options.Value.SyncMaxBackoff;
            pause = TimeSpan.FromTicks(Math.Min(maxBackoff.Ticks, Math.Max(pause.Ticks, 1) * 2));
        }
    }

    private async Task SaveAsync(PortalCall record, CancellationToken cancellationToken)
    {
        // Saved until it sticks: the call was accepted, and forgetting that would send it again after a restart.
        var pause = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await using var session = Store.LightweightSession();
                session.Store(record);
                await session.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogRecordFailed(logger, exception, record.Sequence);
                await Task.Delay(pause, clock, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(options.Value.SyncMaxBackoff.Ticks, pause.Ticks * 2));
            }
        }
    }

    private async Task TrySaveAsync(PortalCall record, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = Store.LightweightSession();
            session.Store(record);
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the attempt count is lost; the call is retried all the same.
            LogRecordFailed(logger, exception, record.Sequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "National portal call {Sequence} ({Service}) failed on attempt {Attempts}; later calls wait")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, long sequence, string service, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record national portal call {Sequence}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, long sequence);
}
