using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Handlers;

/// <summary>The citizen deleted their profile (Decree 13/2023): their inbox goes too.</summary>
internal sealed class CitizenDeletedHandler(INotificationsStore store, TimeProvider clock)
    : IdempotentEventConsumer<CitizenDeleted, INotificationsStore>(store, clock)
{
    protected override Task ApplyAsync(CitizenDeleted integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.DeleteWhere<CitizenNotification>(n => n.CitizenId == integrationEvent.CitizenId);
        return Task.CompletedTask;
    }
}
