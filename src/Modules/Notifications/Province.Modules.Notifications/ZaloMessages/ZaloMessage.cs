namespace Province.Modules.Notifications.ZaloMessages;

/// <summary>
/// One ZNS template message to one citizen for one event: written in the same transaction as the inbox entry (so an
/// event that reached the inbox always has its Zalo message, and never two: unique per source event and kind),
/// then sent by <see cref="Sending.ZaloMessageSender"/>. Its id, in hex, is the <c>tracking_id</c> Zalo receives.
/// Optimistic concurrency (Marten's version check) makes claiming it for sending exact across host instances.
/// </summary>
internal sealed class ZaloMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CitizenId { get; init; }

    /// <summary>The inbox entry it belongs to (the inbox shows whether the Zalo message went out).</summary>
    public Guid NotificationId { get; init; }

    public Guid SourceEventId { get; init; }

    public ZaloMessageKind Kind { get; init; }

    public bool Urgent { get; init; }

    /// <summary>The event's values the template may use (codes, dates, places; no CCCD or phone).</summary>
    public Dictionary<string, string> Values { get; init; } = [];

    public ZaloMessageStatus Status { get; set; } = ZaloMessageStatus.Pending;

    /// <summary>Why it waits, failed or was skipped, in Vietnamese for the administrator's view.</summary>
    public string? Reason { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SendingStartedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it reached its last status (sent, failed, skipped, uncertain).</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Zalo's <c>msg_id</c> once sent.</summary>
    public string? ZaloMessageId { get; set; }

    /// <summary>How many times an administrator sent it again (see Resending).</summary>
    public int Resends { get; set; }

    public Guid? LastResentBy { get; set; }

    public DateTimeOffset? LastResentAt { get; set; }

    public string TrackingId => Id.ToString("N");

    public bool CanBeResent =>
        Status is ZaloMessageStatus.Failed or ZaloMessageStatus.Uncertain && Resends < Resending.ResendZaloMessageEndpoint.MaxResends;
}

internal enum ZaloMessageStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,

    /// <summary>Claimed by a sender; the request to Zalo may be in flight.</summary>
    Sending,

    /// <summary>Zalo accepted it.</summary>
    Sent,

    /// <summary>Waiting for quiet hours to end, the next day's quota, or another attempt after a transient error.</summary>
    Deferred,

    /// <summary>Zalo refused it for good (invalid phone, template rejected) or kept failing: given up, with the reason.</summary>
    Failed,

    /// <summary>Not sent by choice: the citizen did not choose Zalo messages of this kind, or has no verified phone.</summary>
    Skipped,

    /// <summary>
    /// The request left but no answer came (timeout, host killed): Zalo may have delivered it. Not sent again
    /// automatically, since a duplicate is worse than a message the citizen still has in the inbox; an
    /// administrator can send it again.
    /// </summary>
    Uncertain,
}

internal static class ZaloMessageStatusTexts
{
    public static string Text(this ZaloMessageStatus status) => status switch
    {
        ZaloMessageStatus.Pending => "Đang chờ gửi",
        ZaloMessageStatus.Sending => "Đang gửi",
        ZaloMessageStatus.Sent => "Đã gửi qua Zalo",
        ZaloMessageStatus.Deferred => "Tạm hoãn, sẽ gửi sau",
        ZaloMessageStatus.Failed => "Gửi không thành công",
        ZaloMessageStatus.Skipped => "Không gửi qua Zalo",
        ZaloMessageStatus.Uncertain => "Chưa rõ đã gửi hay chưa",
        _ => status.ToString(),
    };

    public static bool IsFinal(this ZaloMessageStatus status) =>
        status is ZaloMessageStatus.Sent or ZaloMessageStatus.Failed or ZaloMessageStatus.Skipped or ZaloMessageStatus.Uncertain;
}

/// <summary>
/// A citizen's choices about Zalo messages (id = citizen id). Nothing is sent by Zalo before the citizen chooses
/// (Decree 13/2023: consent is explicit and per purpose); what Zalo itself granted the mini app is kept beside it.
/// </summary>
internal sealed class ZaloMessagePreferences
{
    public Guid Id { get; init; }

    public List<ZaloMessageKind> Kinds { get; set; } = [];

    /// <summary>Non-urgent messages wait for the morning (on unless the citizen turns it off).</summary>
    public bool QuietHours { get; set; } = true;

    /// <summary>What <c>requestSendNotification()</c> answered in the mini app.</summary>
    public bool NotificationsAllowedInZalo { get; set; }

    /// <summary>Whether the citizen follows the province's official account (<c>followOA</c>).</summary>
    public bool FollowsOfficialAccount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The OA access token and its rotating refresh token (id <see cref="SingleId"/>), encrypted at rest.</summary>
internal sealed class ZaloOfficialAccountToken
{
    public const string SingleId = "oa";

    public string Id { get; init; } = SingleId;

    public required string ProtectedAccessToken { get; set; }

    public required string ProtectedRefreshToken { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
