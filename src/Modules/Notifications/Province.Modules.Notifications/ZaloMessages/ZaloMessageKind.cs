namespace Province.Modules.Notifications.ZaloMessages;

/// <summary>
/// What a Zalo message tells the citizen: one kind per event worth a message outside the app. Each kind has its
/// own ZNS template (approved by Zalo in advance, configured in <c>Notifications:Zalo:Templates</c>) and its own
/// consent: the citizen picks the kinds that may reach them by Zalo; the in-app inbox always gets everything.
/// A module added later brings its kinds here the same way (a value, a text, an urgency, an event handler).
/// </summary>
internal enum ZaloMessageKind
{
    DossierReceived,
    SupplementNeeded,
    FeeRequested,
    ResultReady,
    OverdueApology,
    ReportAnswered,
    BookingConfirmed,
    BookingReminder,
    NumberNear,
}

internal static class ZaloMessageKinds
{
    public static readonly IReadOnlyList<ZaloMessageKind> All = Enum.GetValues<ZaloMessageKind>();

    /// <summary>What the citizen reads beside the switch in the mini app's settings.</summary>
    public static string Text(this ZaloMessageKind kind) => kind switch
    {
        ZaloMessageKind.DossierReceived => "Hồ sơ đã được tiếp nhận",
        ZaloMessageKind.SupplementNeeded => "Hồ sơ cần bổ sung giấy tờ",
        ZaloMessageKind.FeeRequested => "Cần nộp phí, lệ phí",
        ZaloMessageKind.ResultReady => "Đã có kết quả hồ sơ",
        ZaloMessageKind.OverdueApology => "Thư xin lỗi và hẹn lại ngày trả kết quả",
        ZaloMessageKind.ReportAnswered => "Phản ánh đã được trả lời",
        ZaloMessageKind.BookingConfirmed => "Lịch hẹn đã được xác nhận",
        ZaloMessageKind.BookingReminder => "Nhắc lịch hẹn",
        ZaloMessageKind.NumberNear => "Sắp đến lượt số thứ tự",
        _ => kind.ToString(),
    };

    /// <summary>
    /// Urgent kinds lose their use if they wait: they ignore quiet hours and go first when the day's quota is short.
    /// A province can change this per template (<see cref="ZaloTemplateSettings.Urgent"/>).
    /// </summary>
    public static bool UrgentByDefault(this ZaloMessageKind kind) =>
        kind is ZaloMessageKind.NumberNear or ZaloMessageKind.BookingReminder;
}
