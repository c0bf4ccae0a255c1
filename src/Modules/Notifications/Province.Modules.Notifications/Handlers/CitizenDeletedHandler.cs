using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>
/// The citizen deleted their profile (Decree 13/2023): their inbox and Zalo choices go too; their Zalo messages
/// keep only what the delivery figures need (kind, status, dates), and those still waiting are not sent.
/// </summary>
internal sealed class CitizenDeletedHandler(INotificationsStore store, TimeProvider clock)
    : IdempotentEventConsumer<CitizenDeleted, INotificationsStore>(store, clock)
{
    protected override async Task ApplyAsync(CitizenDeleted integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.DeleteWhere<CitizenNotification>(n => n.CitizenId == integrationEvent.CitizenId);
        session.Delete<ZaloMessagePreferences>(integrationEvent.CitizenId);
        var now = Clock.GetUtcNow();
        foreach (var message in await session.Query<ZaloMessage>().Where(m => m.CitizenId == integrationEvent.CitizenId).ToListAsync(cancellationToken))
        {
            message.Values.Clear();
            if (!message.Status.IsFinal())
            {
                message.Status = ZaloMessageStatus.Skipped;
                message.Reason = "Công dân đã xoá hồ sơ cá nhân";
                message.FinishedAt = now;
            }

            session.Update(message);
        }
    }
}
