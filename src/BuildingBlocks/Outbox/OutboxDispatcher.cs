using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Messaging;

namespace Province.BuildingBlocks.Outbox;

/// <summary>
/// Publishes one module's pending outbox messages through MediatR, oldest first.
/// On PostgreSQL it claims a batch with <c>FOR UPDATE SKIP LOCKED</c>, so several host instances can
/// run it against one database without sending a message twice at the same time. Delivery is
/// at-least-once (a crash between publishing and marking sends again); consumers deduplicate with
/// <see cref="IdempotentEventHandler{TEvent, TContext}"/>. A failing message stops its batch so that
/// later events never overtake it.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopeFactory,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var dispatched = 0;
            try
            {
                dispatched = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be down: try again after the poll interval.
                LogBatchFailed(logger, exception, typeof(TContext).Name);
            }

            if (dispatched < options.Value.BatchSize)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one batch; returns how many messages were sent.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var locking = db.Database.IsNpgsql();

        // SQLite runs a single instance, and a long transaction there would block the handlers'
        // own writes to the same file; PostgreSQL needs the transaction to hold the row locks.
        await using var transaction = locking ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var batch = await PendingMessages(db, locking).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var message in batch)
        {
            try
            {
                var integrationEvent = Deserialize(message);
                await using var handlerScope = scopeFactory.CreateAsyncScope();
                await handlerScope.ServiceProvider.GetRequiredService<IMediator>().Publish(integrationEvent, cancellationToken);
                message.ProcessedAt = clock.GetUtcNow();
                sent++;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                message.Attempts++;
                message.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
                LogMessageFailed(logger, exception, message.MessageId, message.Type, message.Attempts);
                break;
            }
            finally
            {
                if (!locking)
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
        }

        if (transaction is not null)
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        return sent;
    }

    private IQueryable<OutboxMessage> PendingMessages(TContext db, bool locking)
    {
        var size = options.Value.BatchSize;
        if (!locking)
        {
            return db.OutboxMessages.Where(m => m.ProcessedAt == null).OrderBy(m => m.Sequence).Take(size);
        }

        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
#pragma warning disable EF1002 // The table name comes from our own model, not from input; the size is a parameter.
        return db.OutboxMessages.FromSqlRaw(
            $"SELECT * FROM {table} WHERE \"ProcessedAt\" IS NULL ORDER BY \"Sequence\" LIMIT {{0}} FOR UPDATE SKIP LOCKED",
            size);
#pragma warning restore EF1002
    }

    private static IIntegrationEvent Deserialize(OutboxMessage message)
    {
        var type = Type.GetType(message.Type, throwOnError: true)!;
        return (IIntegrationEvent)(JsonSerializer.Deserialize(message.Payload, type, OutboxSerializer.Options)
            ?? throw new InvalidOperationException($"Outbox message {message.MessageId} has an empty payload."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox batch of {Context} failed; retrying later")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}) failed on attempt {Attempts}")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, Guid messageId, string type, int attempts);
}
