using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Appointments.Bookings;

internal sealed record BookingResponse(
    Guid Id,
    string Code,
    Guid OfficeId,
    string OfficeName,
    Guid ServiceGroupId,
    string ServiceGroupName,
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
    int Version,
    IReadOnlyList<string> AllowedActions)
{
    /// <summary>The booking as <paramref name="reader"/> sees it at <paramref name="now"/>: names beside ids, and what they may do now.</summary>
    public static BookingResponse From(Booking b, Office office, BookingReader reader, DateTimeOffset now) => new(
        b.Id, b.Code, b.OfficeId, office.Name, b.ServiceGroupId, office.ServiceGroups.SingleOrDefault(g => g.Id == b.ServiceGroupId)?.Name ?? "",
        b.SlotId, b.Day, b.Start, OfficeTime.StartsAt(b.Day, b.Start),
        b.FullName, b.PhoneNumber, b.ProcedureCode, b.DossierId,
        EnumNames.Camel(b.Status), Text(b.Status), b.RejectionReason, b.Version, BookingWorkflow.AllowedActions(b, office, reader, now));

    public static string Text(BookingStatus status) => status switch
    {
        BookingStatus.Pending => "Chờ cơ quan duyệt",
        BookingStatus.Approved => "Đã xác nhận",
        BookingStatus.Rejected => "Bị từ chối",
        BookingStatus.Cancelled => "Đã hủy",
        _ => "Đã đến làm thủ tục",
    };
}
