using Marten;
using Marten.Schema;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Notifications.ZaloMessages;
using Province.Modules.Notifications.ZaloMessages.Sending;

namespace Province.Modules.Notifications.Data;

/// <summary>The Notifications module's own Marten store (schema <c>notifications</c>).</summary>
public interface INotificationsStore : IDocumentStore
{
    public const string SchemaName = "notifications";

    /// <summary>Documents and indexes of the module; called once when the store is built.</summary>
    internal static void Configure(StoreOptions options)
    {
        options.Schema.For<CitizenNotification>()
            // One message per source event, whatever the delivery count; the citizen as its leading column also serves
            // the inbox page (a citizen's messages), so the citizen column has no index of its own to write.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "citizen_notifications_source_event", n => n.CitizenId, n => n.SourceEventId);

        // Zalo messages: one per source event and kind, claimed for sending with Marten's version check, found by
        // the sender through status and due time, by the inbox through the entry, by erasure through the citizen.
        options.Schema.For<ZaloMessage>()
            .UseOptimisticConcurrency(true)
            .Duplicate(m => m.Status)
            .Duplicate(m => m.NextAttemptAt)
            .Duplicate(m => m.CitizenId)
            .Duplicate(m => m.NotificationId)
            .Duplicate(m => m.CreatedAt)
            .UniqueIndex(UniqueIndexType.DuplicatedField, "zalo_messages_source_event", m => m.SourceEventId, m => m.Kind);
        options.Schema.For<ZaloMessagePreferences>();
        options.Schema.For<ZaloOfficialAccountToken>().UseOptimisticConcurrency(true);
        options.AddDailyCounter(ZaloMessageSender.QuotaTable);
    }
}

/// <summary>A message in a citizen's in-app inbox.</summary>
internal sealed class CitizenNotification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CitizenId { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public Guid SourceEventId { get; init; }

    /// <summary>What the message is about (<c>dossier</c>, <c>fieldReport</c>, <c>booking</c>, <c>ticket</c>), with <see cref="ItemId"/>.</summary>
    public string? ItemKind { get; init; }

    public Guid? ItemId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}
