using Province.BuildingBlocks.Messaging;
using Marten;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>An event that becomes one message in a citizen's inbox, once, however often it is delivered.</summary>
internal abstract class CitizenMessageHandler<TEvent>(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : IdempotentEventConsumer<TEvent, INotificationsStore>(store, clock)
    where TEvent : IIntegrationEvent
{
    /// <summary>Whom to tell and what, in Vietnamese.</summary>
    protected abstract (Guid CitizenId, string Title, string Body) Compose(TEvent integrationEvent);

    /// <summary>The item the message links to (see <see cref="Contracts.NotificationItemKinds"/>); none by default.</summary>
    protected virtual (string Kind, Guid Id)? Item(TEvent integrationEvent) => null;

    /// <summary>False for an event about no citizen (e.g. a report made through Open311): recorded as handled, nothing sent.</summary>
    protected virtual bool ConcernsACitizen(TEvent integrationEvent) => true;

    /// <summary>The Zalo message the event is worth, if any (kind and template values); null: the inbox only.</summary>
    protected virtual ZaloMessageDraft? ZaloMessage(TEvent integrationEvent) => null;

    protected override Task ApplyAsync(TEvent integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (!ConcernsACitizen(integrationEvent))
        {
            return Task.CompletedTask;
        }

        var (citizenId, title, body) = Compose(integrationEvent);
        if (citizenId == Guid.Empty)
        {
            // A dossier received at the counter for someone without an account: nobody's inbox to write to.
            return Task.CompletedTask;
        }

        var notification = new CitizenNotification
        {
            CitizenId = citizenId,
            Title = title.Length > 200 ? title[..200] : title,
            Body = body.Length > 2000 ? body[..2000] : body,
            SourceEventId = integrationEvent.Id,
            ItemKind = Item(integrationEvent)?.Kind,
            ItemId = Item(integrationEvent)?.Id,
            CreatedAt = Clock.GetUtcNow().ToUniversalTime(),
        };
        session.Insert(notification);
        if (ZaloMessage(integrationEvent) is { } draft)
        {
            zaloMessages.Add(session, citizenId, notification.Id, integrationEvent.Id, draft);
        }

        return Task.CompletedTask;
    }
}
