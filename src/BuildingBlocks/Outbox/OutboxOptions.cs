namespace Province.BuildingBlocks.Outbox;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Switch off to run a host that only serves requests (another instance dispatches).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the dispatcher sleeps when it found nothing to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; set; } = 50;
}
