using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Outbox;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Handlers;

/// <summary>The citizen deleted their profile (Decree 13/2023): their inbox goes too.</summary>
internal sealed class CitizenDeletedHandler(NotificationsDbContext db, TimeProvider clock)
    : IdempotentEventHandler<CitizenDeleted, NotificationsDbContext>(db, clock)
{
    protected override async Task ApplyAsync(CitizenDeleted integrationEvent, CancellationToken cancellationToken)
    {
        var notifications = await Db.CitizenNotifications.Where(n => n.CitizenId == integrationEvent.CitizenId).ToListAsync(cancellationToken);
        Db.CitizenNotifications.RemoveRange(notifications);
    }
}
