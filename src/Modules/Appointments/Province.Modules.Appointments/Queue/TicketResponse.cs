using Province.Modules.Appointments.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Appointments.Queue;

/// <summary>A ticket with where it stands: how many are ahead and about how long the wait is.</summary>
internal sealed record TicketResponse(
    Guid Id,
    string Number,
    Guid OfficeId,
    Guid ServiceGroupId,
    DateOnly Day,
    string Status,
    string StatusText,
    string Priority,
    string? CounterName,
    int Ahead,
    int EstimatedWaitMinutes,
    int Version)
{
    public static string Text(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "Đang chờ",
        TicketStatus.Called => "Đang mời đến quầy",
        TicketStatus.Serving => "Đang được phục vụ",
        TicketStatus.Done => "Đã xong",
        _ => "Đã qua lượt (vắng mặt)",
    };
}
