namespace Province.Modules.Dossiers.BackOffice;

/// <summary>The words of the dossier pages: statuses a filter offers, timeliness, action names as buttons.</summary>
internal static class DossierTexts
{
    public static readonly (string Name, string Text)[] Statuses =
    [
        ("new", "Mới đăng ký"), ("accepted", "Đã được tiếp nhận"), ("processing", "Đang xử lý"),
        ("supplementRequested", "Yêu cầu bổ sung giấy tờ"), ("feeRequested", "Yêu cầu thực hiện nghĩa vụ tài chính"),
        ("withdrawalRequested", "Công dân yêu cầu rút hồ sơ"), ("done", "Đã xử lý xong"), ("resultReturned", "Đã trả kết quả"),
        ("refused", "Không được tiếp nhận"), ("stopped", "Dừng xử lý"),
    ];

    public static string Timeliness(string timeliness) => timeliness switch
    {
        "overdue" => "Quá hạn",
        "dueSoon" => "Sắp đến hạn",
        "onTime" => "Trong hạn",
        "paused" => "Tạm dừng tính hạn",
        _ => "Đã kết thúc",
    };

    public static string RowClass(string timeliness) => timeliness switch
    {
        "overdue" => "overdue",
        "dueSoon" => "due-soon",
        _ => string.Empty,
    };

    public static string Action(string action) => action switch
    {
        "accept" => "Tiếp nhận hồ sơ",
        "refuse" => "Từ chối tiếp nhận",
        "request-supplement" => "Yêu cầu bổ sung",
        "request-fee" => "Yêu cầu nộp phí, lệ phí",
        "confirm-fee-payment" => "Xác nhận đã nộp phí",
        "assign" => "Phân công xử lý",
        "extend-deadline" => "Gia hạn xử lý",
        "complete" => "Hoàn thành xử lý",
        "return-result" => "Trả kết quả",
        "stop" => "Dừng xử lý",
        "apologize" => "Gửi thư xin lỗi, hẹn lại",
        _ => action,
    };

    public static string Done(string action) => action switch
    {
        "accept" => "Đã tiếp nhận hồ sơ.",
        "refuse" => "Đã từ chối tiếp nhận hồ sơ.",
        "request-supplement" => "Đã gửi yêu cầu bổ sung.",
        "request-fee" => "Đã gửi yêu cầu nộp phí, lệ phí.",
        "confirm-fee-payment" => "Đã xác nhận nộp phí.",
        "assign" => "Đã phân công cán bộ xử lý.",
        "extend-deadline" => "Đã gia hạn xử lý.",
        "complete" => "Đã hoàn thành xử lý.",
        "return-result" => "Đã trả kết quả.",
        "stop" => "Đã dừng xử lý.",
        "apologize" => "Đã gửi thư xin lỗi.",
        _ => "Đã thực hiện.",
    };

    /// <summary>Actions whose note is required (the API says so too; the form marks it).</summary>
    public static bool NoteRequired(string action) => action is "refuse" or "request-supplement" or "stop" or "extend-deadline" or "request-fee" or "apologize";

    public static string Size(long bytes) => bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB" : $"{bytes / (1024.0 * 1024):0.#} MB";
}

internal sealed record QueueItem(
    Guid Id, string Code, string ProcedureCode, string ProcedureName, Guid AgencyId, string AgencyName, string ApplicantName, string? ApplicantPhoneNumber,
    string Status, string StatusText, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, string Timeliness, Guid? AssignedStaffId, string? AssignedStaffName);

internal sealed record DossierApplicant(string FullName, DateOnly? DateOfBirth, string? CitizenIdNumber, string? PhoneNumber, string? Email, string? Address, string? Commune);

internal sealed record DossierFileItem(Guid Id, string FileName, string ContentType, long Size, string Url, string Purpose, string? DocumentKey);

internal sealed record DossierHistoryItem(DateTimeOffset At, string Actor, string? FromStatus, string ToStatus, string StatusText, string Description, string? Note);

internal sealed record DossierFee(long Amount, string? Note);

internal sealed record DossierResult(string? Note, DateTimeOffset CompletedAt, DateTimeOffset? ReturnedAt);

internal sealed record DossierDetail(
    Guid Id, string Code, string ProcedureCode, string ProcedureName, string Field, Guid AgencyId, string AgencyName, string? ReceivingAgencyName,
    DossierApplicant Applicant, string? Summary, string Delivery, string? DeliveryAddress, string Status, string StatusText, DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset DueAt, string Timeliness, Guid? AssignedStaffId, string? AssignedStaffName, string? SupplementRequest,
    DossierFee? Fee, DossierResult? Result, IReadOnlyList<DossierFileItem> Files, IReadOnlyList<DossierHistoryItem> History,
    IReadOnlyList<string> AllowedActions, int Version);

internal sealed record OfficerItem(Guid Id, string FullName);
