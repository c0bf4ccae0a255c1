using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Deadlines;

/// <summary>
/// Keeps the working calendar's administrator-added days current: read at start, after every change made on this
/// instance (<see cref="ReloadAsync"/>), and every minute for changes made on another instance.
/// </summary>
internal sealed partial class CalendarRefresher(IDossiersStore store, WorkingCalendar calendar, ILogger<CalendarRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        calendar.UseStoredDays(await session.Query<CalendarDay>().ToListAsync(cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The configured holidays still apply; the stored ones are read again at the next turn.
                LogReloadFailed(logger, exception);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The working calendar's stored days could not be read; trying again in a minute.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
