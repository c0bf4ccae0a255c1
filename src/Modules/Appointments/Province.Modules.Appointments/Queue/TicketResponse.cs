using Province.Modules.Appointments.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Appointments.Queue;

/// <summary>A ticket with where it stands: how many are ahead and about how long the wait is.</summary>
internal sealed record TicketResponse(
    Guid Id,
    string Number,
    Guid OfficeId,
    string? OfficeName,
    Guid ServiceGroupId,
    string? ServiceGroupName,
    DateOnly Day,
    string Status,
    string StatusText,
    string Priority,
    string PriorityStatus,
    string? PriorityStatusText,
    Guid? CounterId,
    string? CounterName,
    DateTimeOffset IssuedAt,
    int Ahead,
    int EstimatedWaitMinutes,
    int Version,
    IReadOnlyList<string> AllowedActions)
{
    public static string? PriorityText(QueueTicket ticket) => ticket.Priority == PriorityReason.None ? null : ticket.PriorityCheck switch
    {
        PriorityCheck.ByProfile => "Ưu tiên theo ngày sinh trong hồ sơ",
        PriorityCheck.AtCounter => "Ưu tiên đã được cán bộ xác nhận",
        PriorityCheck.Refused => "Không đủ điều kiện ưu tiên; số được gọi theo thứ tự",
        _ => "Ưu tiên chờ xác nhận tại quầy: vui lòng xuất trình giấy tờ cho cán bộ; đến khi được xác nhận, số được gọi theo thứ tự",
    };

    public static string Text(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "Đang chờ",
        TicketStatus.Called => "Đang mời đến quầy",
        TicketStatus.Serving => "Đang được phục vụ",
        TicketStatus.Done => "Đã xong",
        TicketStatus.Cancelled => "Đã hủy",
        _ => "Đã qua lượt (vắng mặt)",
    };
}
