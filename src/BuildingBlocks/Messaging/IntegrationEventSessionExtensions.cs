using Marten;

namespace Province.BuildingBlocks.Messaging;

public static class IntegrationEventSessionExtensions
{
    /// <summary>
    /// Stores <paramref name="integrationEvents"/> (one change told as one or more events, in order) for the other
    /// modules: they are saved by the session's next SaveChanges, in the same transaction as the change they describe,
    /// as Marten events in a stream of their own (keyed by the first event's id, so the same events can never be stored
    /// twice), and delivered by the store's <see cref="IntegrationEventRelay{TStore}"/>. Events told together share the
    /// stream: one stream row fewer for each event after the first (issue 17).
    /// </summary>
    public static void PublishIntegrationEvent(this IDocumentSession session, params IIntegrationEvent[] integrationEvents)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(integrationEvents);
        if (integrationEvents.Length == 0 || integrationEvents.Any(e => e is null))
        {
            throw new ArgumentException("At least one integration event, none of them null.", nameof(integrationEvents));
        }

        session.Events.StartStream(integrationEvents[0].Id, integrationEvents.Cast<object>().ToArray());
    }
}
