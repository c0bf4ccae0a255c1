using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Inbox.NotifyCitizen;

/// <summary>Answers other modules' <see cref="Contracts.NotifyCitizen"/>: one inbox message per source event.</summary>
internal sealed class NotifyCitizenHandler(NotificationsDbContext db, TimeProvider clock) : IRequestHandler<Contracts.NotifyCitizen, Unit>
{
    public async Task<Unit> Handle(Contracts.NotifyCitizen request, CancellationToken cancellationToken)
    {
        if (await db.CitizenNotifications.AnyAsync(n => n.CitizenId == request.CitizenId && n.SourceEventId == request.SourceEventId, cancellationToken))
        {
            return Unit.Value;
        }

        db.CitizenNotifications.Add(new CitizenNotification
        {
            CitizenId = request.CitizenId,
            Title = request.Title,
            Body = request.Body,
            SourceEventId = request.SourceEventId,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
