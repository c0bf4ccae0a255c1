using Marten;
using MediatR;
using Province.BuildingBlocks.Persistence;

namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// Base for a consumer of an integration event that must take effect once, however many times the relay
/// delivers the event. The effect and the inbox document are saved in one SaveChanges of the consuming
/// module's own store: either both exist or neither, and the inbox id refuses a second copy.
/// </summary>
public abstract class IdempotentEventConsumer<TEvent, TStore>(TStore store, TimeProvider clock) : INotificationHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TStore : IDocumentStore
{
    protected TimeProvider Clock => clock;

    /// <summary>Identifies this consumer in the inbox; keep it stable once events have been handled.</summary>
    protected virtual string ConsumerName => GetType().FullName!;

    public async Task Handle(TEvent notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var inboxId = ProcessedMessage.IdFor(ConsumerName, notification.Id);
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ProcessedMessage>(inboxId, cancellationToken) is not null)
        {
            return;
        }

        await ApplyAsync(notification, session, cancellationToken);
        session.Insert(new ProcessedMessage { Id = inboxId, MessageId = notification.Id, Consumer = ConsumerName, ProcessedAt = clock.GetUtcNow().ToUniversalTime() });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            await using var query = store.QuerySession();
            if (await query.LoadAsync<ProcessedMessage>(inboxId, cancellationToken) is null)
            {
                throw;
            }

            // Another instance handled the same delivery a moment earlier: its effect stands, ours is dropped.
        }
    }

    /// <summary>Stages the effect on <paramref name="session"/> without saving; the base saves it with the inbox document.</summary>
    protected abstract Task ApplyAsync(TEvent integrationEvent, IDocumentSession session, CancellationToken cancellationToken);
}
