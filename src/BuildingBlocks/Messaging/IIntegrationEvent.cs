using MediatR;

namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// A fact one module tells the others, declared in the sender's <c>*.Contracts</c> project.
/// Sent through the sender's outbox, so <see cref="Id"/> is the key consumers deduplicate on.
/// </summary>
public interface IIntegrationEvent : INotification
{
    Guid Id { get; }

    DateTimeOffset OccurredAt { get; }
}
