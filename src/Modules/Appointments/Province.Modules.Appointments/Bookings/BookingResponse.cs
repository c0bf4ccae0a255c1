using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Appointments.Bookings;

internal sealed record BookingResponse(
    Guid Id,
    string Code,
    Guid OfficeId,
    Guid ServiceGroupId,
    Guid SlotId,
    DateOnly Day,
    TimeOnly Start,
    DateTimeOffset StartsAt,
    string FullName,
    string PhoneNumber,
    string? ProcedureCode,
    Guid? DossierId,
    string Status,
    string StatusText,
    string? RejectionReason,
    int Version)
{
    public static BookingResponse From(Booking b) => new(
        b.Id, b.Code, b.OfficeId, b.ServiceGroupId, b.SlotId, b.Day, b.Start, OfficeTime.StartsAt(b.Day, b.Start),
        b.FullName, b.PhoneNumber, b.ProcedureCode, b.DossierId,
        EnumNames.Camel(b.Status), Text(b.Status), b.RejectionReason, b.Version);

    public static string Text(BookingStatus status) => status switch
    {
        BookingStatus.Pending => "Chờ cơ quan duyệt",
        BookingStatus.Approved => "Đã xác nhận",
        BookingStatus.Rejected => "Bị từ chối",
        BookingStatus.Cancelled => "Đã hủy",
        _ => "Đã đến làm thủ tục",
    };
}
