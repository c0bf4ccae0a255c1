namespace Province.BuildingBlocks.Outbox;

/// <summary>
/// The inbox: one row per (event, consumer) a module has handled. Written in the same transaction as
/// the consumer's effect; its primary key makes a second delivery of the same event a no-op.
/// </summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
