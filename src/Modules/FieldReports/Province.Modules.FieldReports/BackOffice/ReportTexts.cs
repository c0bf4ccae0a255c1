using System.Globalization;

namespace Province.Modules.FieldReports.BackOffice;

/// <summary>The words of the report pages: statuses a filter offers, action names as buttons, what is said once done.</summary>
internal static class ReportTexts
{
    public static readonly (string Name, string Text)[] Statuses =
    [
        ("received", "Đã tiếp nhận"), ("assigned", "Đã giao xử lý"), ("inProgress", "Đang xử lý"),
        ("waitingForInformation", "Chờ người phản ánh bổ sung thông tin"), ("resolved", "Đã xử lý, trả lời"),
        ("rejected", "Không thuộc phạm vi xử lý"), ("closed", "Đã đóng"),
    ];

    /// <summary>The actions the report page offers, in the order shown.</summary>
    public static readonly string[] PageActions =
        ["assign", "start", "resolve", "request-information", "forward", "recategorize", "reject", "close", "redact", "hide", "publish"];

    public static string Action(string action) => action switch
    {
        "assign" => "Giao cán bộ xử lý",
        "start" => "Bắt đầu xử lý",
        "request-information" => "Đề nghị bổ sung thông tin",
        "resolve" => "Trả lời công khai",
        "reject" => "Từ chối phản ánh",
        "close" => "Đóng phản ánh",
        "forward" => "Chuyển cơ quan khác",
        "recategorize" => "Đổi lĩnh vực, địa bàn",
        "redact" => "Biên tập nội dung công khai",
        "hide" => "Ẩn khỏi trang công khai",
        "publish" => "Hiện lại trên trang công khai",
        _ => action,
    };

    public static string Done(string action) => action switch
    {
        "assign" => "Đã giao cán bộ xử lý.",
        "start" => "Đã bắt đầu xử lý.",
        "request-information" => "Đã gửi đề nghị bổ sung thông tin.",
        "resolve" => "Đã trả lời công khai.",
        "reject" => "Đã từ chối phản ánh.",
        "close" => "Đã đóng phản ánh.",
        "forward" => "Đã chuyển phản ánh sang cơ quan khác.",
        "recategorize" => "Đã đổi lĩnh vực, địa bàn.",
        "redact" => "Đã biên tập nội dung công khai.",
        "hide" => "Đã ẩn phản ánh khỏi trang công khai.",
        "publish" => "Đã hiện lại phản ánh trên trang công khai.",
        _ => "Đã thực hiện.",
    };

    /// <summary>The note is the reason the person reads (reject), what is needed (request-information) or why (redact, hide): required, as the API says.</summary>
    public static bool NoteRequired(string action) => action is "reject" or "request-information" or "redact" or "hide";

    public static string NoteLabel(string action) => action switch
    {
        "reject" => "Lý do từ chối (người phản ánh đọc được)",
        "request-information" => "Thông tin cần bổ sung",
        "redact" => "Lý do biên tập",
        "hide" => "Lý do ẩn",
        _ => "Ghi chú nội bộ",
    };

    public static string Due(bool overdue, bool dueSoon) => overdue ? "Quá hạn" : dueSoon ? "Sắp đến hạn" : "Trong hạn";

    public static string RowClass(bool overdue, bool dueSoon) => overdue ? "overdue" : dueSoon ? "due-soon" : string.Empty;

    public static string Coordinate(double value) => value.ToString("0.00000", CultureInfo.InvariantCulture);
}

internal sealed record ReportRow(
    Guid Id, string Code, string Title, Guid CategoryId, string? CategoryName, Guid AgencyId, string? AgencyName, string? WardCode, string? WardName,
    string Status, string StatusText, DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool Overdue, bool DueSoon,
    Guid? AssignedStaffId, string? AssignedStaffName, double? Latitude, double? Longitude, string? PhotoUrl, IReadOnlyList<string> AllowedActions, int Version);

internal sealed record PhotoItem(Guid Id, string FileName, string ContentType, long Size, string Url);

internal sealed record ReportView(
    Guid Id, string Code, Guid CategoryId, string? CategoryName, string Title, string Description, double? Latitude, double? Longitude, string? Address,
    string? WardCode, string? WardName, string Status, string StatusText, Guid AgencyId, string? AgencyName, string? Answer, DateTimeOffset? AnsweredAt,
    DateTimeOffset CreatedAt, IReadOnlyList<PhotoItem> Photos, IReadOnlyList<PhotoItem> FixPhotos);

internal sealed record ReportStep(DateTimeOffset At, string Actor, string Status, string StatusText, string Description, string? Note);

internal sealed record ReportDetail(
    ReportView Report, string? ReporterName, string? ReporterPhone, bool Anonymous, Guid? AssignedStaffId, string? AssignedStaffName, DateTimeOffset DueAt,
    string? InformationRequest, int? Rating, int Reopens, IReadOnlyList<ReportStep> History, IReadOnlyList<string> AllowedActions, int Version);

internal sealed record UploadedPhotos(IReadOnlyList<PhotoItem> Items);

internal sealed record CategoryItem(Guid Id, string Code, string Name, string? Description, int HandlingHours, bool Active, IReadOnlyList<TemplateItem> AnswerTemplates, Guid? EscalationAgencyId);

internal sealed record TemplateItem(string Title, string Text);

internal sealed record RuleItem(Guid Id, int Order, Guid? CategoryId, string? Area, Guid AgencyId);

internal sealed record AgencyItem(Guid Id, string Code, string Name, string Level);

internal sealed record OfficerItem(Guid Id, string FullName);

internal sealed record QuestionItem(
    Guid Id, Guid AgencyId, string? AgencyName, string Title, string Text, string? Answer, DateTimeOffset? AnsweredAt, bool Public, string Status, string StatusText,
    DateTimeOffset CreatedAt, IReadOnlyList<string> AllowedActions);
