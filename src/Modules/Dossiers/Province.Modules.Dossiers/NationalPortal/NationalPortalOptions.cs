using Province.BuildingBlocks.Http;

namespace Province.Modules.Dossiers.NationalPortal;

/// <summary>Configuration section <c>NationalPortal</c>: the adapter of Cổng Dịch vụ công quốc gia.</summary>
internal sealed class NationalPortalOptions
{
    public const string Section = "NationalPortal";

    /// <summary>The adapter's base URL; a relative one (e.g. <c>/national-portal-simulator</c>) means the simulator inside this host.</summary>
    public string BaseUrl { get; set; } = "";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Queue every new dossier and status change for the portal, and run the sender (a Marten subscription).</summary>
    public bool SyncEnabled { get; set; }

    /// <summary>The first pause after a failed call; each further failure doubles it up to <see cref="SyncMaxBackoff"/>.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts while the portal is failing.</summary>
    public TimeSpan SyncMaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many queued calls the sender reads from the event store at a time.</summary>
    public int SyncBatchSize { get; set; } = 50;

    /// <summary>Timeouts, retries and circuit breaker of every call (section <c>NationalPortal:Resilience</c>).</summary>
    public ResilienceSettings Resilience { get; set; } = new();
}
