using Province.BuildingBlocks.Http;

namespace Province.Modules.Identity.Zalo;

/// <summary>Configuration section <c>Zalo</c>.</summary>
internal sealed class ZaloOptions
{
    public const string Section = "Zalo";

    public string AppId { get; set; } = "";

    /// <summary>Used only in the server-to-server phone-number exchange; never sent to clients or logged.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// Zalo's Graph API. A relative value (such as <c>/zalo-simulator/graph</c>) means "this host",
    /// which is how the built-in simulator is reached; the code path is the same either way.
    /// </summary>
    public string GraphBaseUrl { get; set; } = "https://graph.zalo.me";

    /// <summary>How long a verified access token is trusted before Zalo is asked again.</summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a token Zalo refused is refused without asking Zalo again.</summary>
    public TimeSpan RefusedTokenCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeouts, retries and circuit breaker of every Graph API call (section <c>Zalo:Resilience</c>).</summary>
    public ResilienceSettings Resilience { get; set; } = new();
}
