using Marten;

namespace Province.BuildingBlocks.Messaging;

public static class IntegrationEventSessionExtensions
{
    /// <summary>
    /// Stores <paramref name="integrationEvent"/> for the other modules: it is saved by the session's next
    /// SaveChanges, in the same transaction as the change it describes, as a Marten event in a stream of its
    /// own (keyed by the event's id, so the same event can never be stored twice), and delivered by the
    /// store's <see cref="IntegrationEventRelay{TStore}"/>.
    /// </summary>
    public static void PublishIntegrationEvent(this IDocumentSession session, IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(integrationEvent);
        session.Events.StartStream(integrationEvent.Id, integrationEvent);
    }
}
