namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// The inbox on Marten: one document per (event, consumer) a module has handled, inserted in the same
/// SaveChanges as the consumer's effect; its id makes a second delivery of the same event a no-op.
/// </summary>
public sealed class ProcessedMessage
{
    /// <summary>"{consumer}/{event id}".</summary>
    public required string Id { get; init; }

    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }

    public static string IdFor(string consumer, Guid messageId) => $"{consumer}/{messageId:N}";
}
