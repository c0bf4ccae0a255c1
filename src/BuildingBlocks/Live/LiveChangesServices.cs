using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Province.BuildingBlocks.Persistence;

namespace Province.BuildingBlocks.Live;

public static class LiveChangesRegistration
{
    /// <summary>
    /// <see cref="LiveChanges"/>, its sender (NOTIFY after commit, coalesced) and its listener (one connection per host
    /// with LISTEN), and the "live-changes" readiness check that fails while the listener is down.
    /// </summary>
    public static IServiceCollection AddLiveChanges(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveChangesSettings>(configuration.GetSection(LiveChangesSettings.Section));
        services.AddSingleton<LiveChanges>();
        services.AddSingleton<LiveChangesListener>();
        services.AddHostedService<LiveChangesSender>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveChangesListener>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("live-changes",
            provider => new LiveChangesHealthCheck(provider.GetRequiredService<LiveChangesListener>()), HealthStatus.Unhealthy, ["ready"]));
        return services;
    }

    private sealed class LiveChangesHealthCheck(LiveChangesListener listener) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(listener.State switch
            {
                ListenerState.Listening => HealthCheckResult.Healthy(),
                ListenerState.Disabled => HealthCheckResult.Degraded("LiveChanges:Listen is off: live views miss other hosts' changes."),
                _ => HealthCheckResult.Unhealthy("Live changes listener not connected: live views miss other hosts' changes until it reconnects.",
                    listener.LastError),
            });
    }
}

/// <summary>
/// Sends this host's changes to the others: <c>pg_notify</c> on the shared channel, after the change is committed, all
/// changes that piled up meanwhile in one statement and each (topic, key) once. Why after commit and not inside the
/// change's transaction: ADR 23.
/// </summary>
internal sealed partial class LiveChangesSender(LiveChanges live, IConfiguration configuration, IOptions<LiveChangesSettings> settings,
    ILogger<LiveChangesSender> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.From(configuration).ConnectionString)
        {
            ApplicationName = "province-live-sender",
            MaxPoolSize = 2,
        };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var reader = live.Outgoing;
        var batch = new HashSet<LiveChange>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                try
                {
                    await using var command = dataSource.CreateCommand("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload");
                    command.Parameters.Add(new NpgsqlParameter { Value = settings.Value.Channel });
                    command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(live.Payload).ToArray() });
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away: the other hosts' listeners lost it too and wake all their views when they
                    // reconnect, so these changes are not worth keeping.
                    LogSendFailed(logger, exception, batch.Count);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} live changes to the other hosts")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count);
}

internal enum ListenerState
{
    Connecting,
    Listening,
    Down,
    Disabled,
}

/// <summary>
/// One PostgreSQL connection per host, outside the pools, that LISTENs on the channel and hands other hosts' changes to
/// <see cref="LiveChanges"/>. When the connection drops it reconnects with backoff (100 ms doubling to
/// <c>MaxReconnectDelay</c>), logs an error at each failure and reports Unhealthy at <c>/health/ready</c> meanwhile;
/// once back, it wakes every view (notifications sent meanwhile are gone). The host's start waits for the first attempt,
/// so a host that answers has its listener in place.
/// </summary>
internal sealed partial class LiveChangesListener(LiveChanges live, IConfiguration configuration, IOptions<LiveChangesSettings> settings,
    ILogger<LiveChangesListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Threading.Channels.Channel<string> _received = System.Threading.Channels.Channel.CreateUnbounded<string>(
        new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });

    public ListenerState State { get; private set; } = ListenerState.Connecting;

    public Exception? LastError { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await _firstAttempt.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The database is slow to answer: the host starts anyway, unready until the listener connects.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = settings.Value;
        if (!options.Listen)
        {
            State = ListenerState.Disabled;
            _firstAttempt.TrySetResult();
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(DatabaseSettings.From(configuration).ConnectionString)
        {
            ApplicationName = "province-live-listener",
            Pooling = false,
            // A connection silently cut (a NAT, a failed-over server) is noticed by TCP keepalive besides the checks below.
            KeepAlive = 15,
        };
        var delivering = DeliverAsync(stoppingToken);
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, notification) => _received.Writer.TryWrite(notification.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{options.Channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                var wasDown = State == ListenerState.Down;
                State = ListenerState.Listening;
                LastError = null;
                delay = TimeSpan.FromMilliseconds(100);
                _firstAttempt.TrySetResult();
                if (wasDown)
                {
                    LogReconnected(logger);
                }

                live.WakeAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(options.ListenerCheckInterval, stoppingToken))
                    {
                        await using var check = new NpgsqlCommand("SELECT 1", connection);
                        await check.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                State = ListenerState.Down;
                LastError = exception;
                _firstAttempt.TrySetResult();
                LogListenerDown(logger, exception, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, TimeProvider.System, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        _received.Writer.TryComplete();
        await delivering;
    }

    /// <summary>Outside the notification callback (which runs inside Npgsql's read loop), so a slow handler never holds the connection.</summary>
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _received.Reader.ReadAllAsync(stoppingToken))
            {
                if (!LiveChanges.TryParse(payload, out var topic, out var key, out var origin) || origin == live.Origin)
                {
                    continue;
                }

                try
                {
                    await live.DeliverRemoteAsync(topic, key, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogDeliveryFailed(logger, exception, topic);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Live changes listener down; live views miss other hosts' changes. Reconnecting in {DelayMs} ms")]
    private static partial void LogListenerDown(ILogger logger, Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live changes listener reconnected; every live view reads again")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live change of {Topic} could not be handled")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string topic);
}
