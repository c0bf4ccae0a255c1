using MediatR;
using Marten;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Inbox.NotifyCitizen;

/// <summary>Answers other modules' <see cref="Contracts.NotifyCitizen"/>: one inbox message per source event.</summary>
internal sealed class NotifyCitizenHandler(INotificationsStore store, TimeProvider clock) : IRequestHandler<Contracts.NotifyCitizen, Unit>
{
    public async Task<Unit> Handle(Contracts.NotifyCitizen request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<CitizenNotification>().AnyAsync(n => n.CitizenId == request.CitizenId && n.SourceEventId == request.SourceEventId, cancellationToken))
        {
            return Unit.Value;
        }

        session.Insert(new CitizenNotification
        {
            CitizenId = request.CitizenId,
            Title = request.Title,
            Body = request.Body,
            SourceEventId = request.SourceEventId,
            ItemKind = request.ItemKind,
            ItemId = request.ItemKind is null ? null : request.ItemId,
            CreatedAt = clock.GetUtcNow().ToUniversalTime(),
        });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // The same source event raced in from another delivery: its message stands.
        }

        return Unit.Value;
    }
}
