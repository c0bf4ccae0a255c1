namespace Province.BuildingBlocks.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change
/// that caused it, so the event exists exactly when the change does.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Store-generated; gives the dispatch order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's own id, the key consumers deduplicate on.</summary>
    public Guid MessageId { get; init; }

    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
