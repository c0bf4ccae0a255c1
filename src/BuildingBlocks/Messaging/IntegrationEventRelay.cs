using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a module's integration events to the other modules (MediatR) in the order they were stored.
/// A module stores an integration event as a Marten event in the same SaveChanges as the change it describes
/// (<see cref="IntegrationEventSessionExtensions.PublishIntegrationEvent"/>); this subscription, run by
/// Marten's async daemon on one leader among the host instances, hands each one to its consumers and
/// records its progress in the store. Delivery is at-least-once (a crash after publishing and before the
/// checkpoint sends again); consumers deduplicate with <see cref="IdempotentEventConsumer{TEvent, TStore}"/>.
/// A failing consumer holds the relay on that event (retried with backoff) so that later events never
/// overtake it; events of other stores and the portal's own subscription are not held back.
/// </summary>
internal sealed partial class IntegrationEventRelay<TStore> : SubscriptionBase
    where TStore : IDocumentStore
{
    public const string RelayName = "integration-events";

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<IntegrationEventRelay<TStore>> logger;

    public IntegrationEventRelay(IServiceScopeFactory scopes, ILogger<IntegrationEventRelay<TStore>> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        Name = RelayName;
        // Only the events a module tells the others; its own domain events (dossier history...) are not loaded.
        foreach (var type in IntegrationEventTypes.Of<TStore>())
        {
            IncludeType(type);
        }
    }

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var stored in page.Events)
        {
            if (stored.Data is IIntegrationEvent integrationEvent)
            {
                await PublishUntilDeliveredAsync(integrationEvent, stored.Sequence, cancellationToken);
            }
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishUntilDeliveredAsync(IIntegrationEvent integrationEvent, long sequence, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(integrationEvent, cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogDeliveryFailed(logger, exception, integrationEvent.GetType().Name, integrationEvent.Id, sequence, attempt);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration event {Type} {EventId} (sequence {Sequence}) failed on attempt {Attempt}; retrying")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string type, Guid eventId, long sequence, int attempt);
}
