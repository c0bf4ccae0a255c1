using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Messaging;

namespace Province.BuildingBlocks.Outbox;

/// <summary>
/// Base for a consumer of an integration event that must take effect once, however many times the
/// outbox delivers the event. The effect and the inbox row are saved in one SaveChanges: either both
/// exist or neither, and the inbox's primary key refuses a second copy.
/// </summary>
public abstract class IdempotentEventHandler<TEvent, TContext>(TContext db, TimeProvider clock) : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TContext : ModuleDbContext
{
    protected TContext Db => db;

    protected TimeProvider Clock => clock;

    /// <summary>Identifies this consumer in the inbox; keep it stable once events have been handled.</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    public async Task Handle(TEvent notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (await AlreadyHandledAsync(notification.Id, cancellationToken))
        {
            return;
        }

        await ApplyAsync(notification, cancellationToken);
        db.ProcessedMessages.Add(new ProcessedMessage { MessageId = notification.Id, Consumer = ConsumerName, ProcessedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await AlreadyHandledAsync(notification.Id, cancellationToken))
            {
                throw;
            }

            // Another instance handled the same delivery a moment earlier: its effect stands, ours is dropped.
        }
    }

    /// <summary>Stages the effect on <see cref="Db"/> without saving; the base saves it with the inbox row.</summary>
    protected abstract Task ApplyAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    private Task<bool> AlreadyHandledAsync(Guid messageId, CancellationToken cancellationToken) =>
        db.ProcessedMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == ConsumerName, cancellationToken);
}
