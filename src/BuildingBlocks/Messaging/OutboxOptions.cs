namespace Province.BuildingBlocks.Messaging;

/// <summary>
/// Configuration section <c>Outbox</c>: integration events are stored with the change that caused them (a
/// transactional outbox in each module's Marten event store) and delivered by Marten's async daemon.
/// </summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Run the async daemon (integration-event relays, the portal sender) on this instance. Off for a host that
    /// only serves requests; with several instances on, one leader per store delivers and the others stand by.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
