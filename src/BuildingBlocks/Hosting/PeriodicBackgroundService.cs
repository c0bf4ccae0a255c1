using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Province.BuildingBlocks.Hosting;

/// <summary>
/// A background job that runs a scan, sleeps for its interval (on <see cref="TimeProvider"/>), and runs
/// again; a failing scan (the database restarting, say) is logged and retried at the next interval.
/// </summary>
public abstract partial class PeriodicBackgroundService(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One scan; returns how much it did (for tests and logs).</summary>
    public abstract Task<int> ScanAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, exception, GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed; retrying at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception, string job);
}
