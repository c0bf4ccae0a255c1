using Province.BuildingBlocks.Http;

namespace Province.Modules.Notifications.ZaloMessages;

/// <summary>Configuration section <c>Notifications:Zalo</c>: ZNS template messages to citizens' phones.</summary>
internal sealed class ZaloMessagesOptions
{
    public const string Section = "Notifications:Zalo";

    /// <summary>Off by default: a province turns it on once its OA, templates and quota are approved by Zalo.</summary>
    public bool Enabled { get; set; }

    /// <summary>Zalo's business API (<c>POST /message/template</c>). A relative value means this host (the simulator).</summary>
    public string ZnsBaseUrl { get; set; } = "https://business.openapi.zalo.me";

    /// <summary>Zalo's OAuth server (<c>POST /v4/oa/access_token</c>), where the OA access token is refreshed.</summary>
    public string OAuthBaseUrl { get; set; } = "https://oauth.zaloapp.com";

    /// <summary>The Zalo app linked to the official account (OA).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The app's secret key (sent only to Zalo's OAuth server; never logged).</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>
    /// The refresh token the province got when it authorized the OA. Used once: Zalo answers each refresh with a new
    /// refresh token (the old one stops working), which Province keeps, encrypted, in its database.
    /// </summary>
    public string InitialRefreshToken { get; set; } = "";

    /// <summary>Messages Zalo lets the OA send a day (the province's ZNS package); beyond it messages wait for the next day.</summary>
    public int DailyQuota { get; set; } = 1000;

    /// <summary>The share of the daily quota kept for urgent kinds: other kinds wait once only this much is left.</summary>
    public double UrgentReserve { get; set; } = 0.1;

    /// <summary>No non-urgent message between these Vietnam times (a citizen may turn quiet hours off).</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);

    public TimeOnly QuietHoursEnd { get; set; } = new(7, 0);

    /// <summary>Attempts before a message Zalo keeps failing is given up (with the reason).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the sender looks for messages due.</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A message whose sending was cut off (the host died after the request left) is not sent again after this long:
    /// Zalo may have delivered it, and ZNS has no way to ask by our tracking id.
    /// </summary>
    public TimeSpan InterruptedSendTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Template per kind (key: the kind in camelCase, e.g. <c>resultReady</c>).</summary>
    public Dictionary<string, ZaloTemplateSettings> Templates { get; set; } = [];

    /// <summary>Timeouts and circuit breaker of the calls to Zalo (no automatic retry: a message is retried by the sender, once it knows it was not delivered).</summary>
    public ResilienceSettings Resilience { get; set; } = new();

    /// <summary>
    /// The kind's template, if one is configured with an id. Keys are matched ignoring case by hand: the configuration
    /// binder fills the dictionary with its own comparer, and the keys are written camelCase as elsewhere in the API.
    /// </summary>
    public ZaloTemplateSettings? TemplateOf(ZaloMessageKind kind) =>
        Templates.FirstOrDefault(t => string.Equals(t.Key, kind.ToString(), StringComparison.OrdinalIgnoreCase)).Value is { TemplateId.Length: > 0 } template ? template : null;
}

/// <summary>One approved ZNS template: its id and which of the event's values fills each of its parameters (at most 10).</summary>
internal sealed class ZaloTemplateSettings
{
    public string TemplateId { get; set; } = "";

    /// <summary>Template parameter name → value name (see <see cref="ZaloMessageValues"/>), e.g. <c>"ma_ho_so": "code"</c>.</summary>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Null: the kind's default (<see cref="ZaloMessageKinds.UrgentByDefault"/>).</summary>
    public bool? Urgent { get; set; }
}

/// <summary>The names of the values an event offers its template (what <see cref="ZaloTemplateSettings.Parameters"/> may name).</summary>
internal static class ZaloMessageValues
{
    public const string Code = "code";
    public const string Title = "title";
    public const string Status = "status";
    public const string Date = "date";
    public const string Time = "time";
    public const string Place = "place";
    public const string Service = "service";
    public const string Number = "number";
    public const string Ahead = "ahead";
    public const string Message = "message";
}
