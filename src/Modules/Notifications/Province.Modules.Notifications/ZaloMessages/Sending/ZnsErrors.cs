namespace Province.Modules.Notifications.ZaloMessages.Sending;

/// <summary>
/// What a ZNS <c>error</c> code means for the message, from Zalo's published list of ZNS error codes (a province
/// checks it against its own contract with Zalo; anything not listed is treated as transient and retried).
/// </summary>
internal static class ZnsErrors
{
    public const int AccessTokenInvalid = -124;
    public const int DailyQuotaExceeded = -144;

    public enum Outcome
    {
        Sent,
        RefreshToken,
        QuotaExhausted,
        Permanent,
        Transient,
    }

    public static Outcome Classify(int error) => error switch
    {
        0 => Outcome.Sent,
        AccessTokenInvalid => Outcome.RefreshToken,
        DailyQuotaExceeded => Outcome.QuotaExhausted,
        -108 or -109 or -111 or -112 or -114 or -117 or -118 or -119 or -131 => Outcome.Permanent,
        _ => Outcome.Transient,
    };

    /// <summary>Why a message was given up, for the administrator, in Vietnamese.</summary>
    public static string Reason(int error, string? zaloMessage) => error switch
    {
        -108 => "Số điện thoại không hợp lệ",
        -109 => "Mã mẫu tin (template) không hợp lệ",
        -111 or -112 => "Dữ liệu mẫu tin không hợp lệ",
        -114 => "Người nhận không hoạt động hoặc đã chặn tin",
        -117 => "Mẫu tin chưa được duyệt hoặc OA không có quyền dùng",
        -118 => "Số điện thoại chưa đăng ký Zalo",
        -119 => "Tài khoản Zalo không nhận được tin ZNS",
        -131 => "Mẫu tin đã bị từ chối",
        _ => $"Zalo trả lỗi {error}",
    } + (string.IsNullOrWhiteSpace(zaloMessage) ? "" : $" ({zaloMessage})");
}
