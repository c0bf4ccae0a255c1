using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings;

/// <summary>The booking rules (Easy!Appointments' habits): each refusal says why, in Vietnamese.</summary>
internal static class BookingRules
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static async Task<ProblemHttpResult?> CheckSlotAsync(IQuerySession session, Office office, Slot slot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (today, now) = OfficeTime.Now(clock);
        if (slot.Day < today || (slot.Day == today && slot.Start <= now))
        {
            return Problems.BusinessRule("appointments.slot_in_past", "Khung giờ này đã qua. Vui lòng chọn khung giờ khác.");
        }

        if (slot.Day > today.AddDays(office.BookingHorizonDays))
        {
            return Problems.BusinessRule("appointments.beyond_horizon",
                $"Chỉ đặt lịch trước tối đa {office.BookingHorizonDays} ngày (đến ngày {today.AddDays(office.BookingHorizonDays).ToString("dd/MM/yyyy", Vietnamese)}).");
        }

        if (await session.LoadAsync<BlockedDay>(BlockedDays.IdFor(office.Id, slot.Day), cancellationToken) is { } blocked)
        {
            return Problems.BusinessRule("appointments.day_blocked", $"Ngày {slot.Day.ToString("dd/MM/yyyy", Vietnamese)} bộ phận một cửa không làm việc: {blocked.Reason}.");
        }

        return null;
    }

    public static ProblemHttpResult SlotFull() =>
        Problems.Conflict("appointments.slot_full", "Khung giờ này vừa hết chỗ. Vui lòng chọn khung giờ khác.");

    public static ProblemHttpResult OnePerDay() =>
        Problems.Conflict("appointments.one_booking_per_day", "Bạn đã có một lịch hẹn cho nhóm dịch vụ này trong ngày. Hãy đổi giờ lịch hẹn đó thay vì đặt thêm.");

    /// <summary>Cancel and reschedule close this many hours before the appointment.</summary>
    public static ProblemHttpResult? CheckChangeWindow(Office office, Booking booking, TimeProvider clock)
    {
        if (!BookingWorkflow.IsOpen(booking.Status))
        {
            return Problems.Conflict("appointments.booking_closed", $"Lịch hẹn đang ở trạng thái \"{BookingResponse.Text(booking.Status)}\", không thể thay đổi.");
        }

        return clock.GetUtcNow() >= BookingWorkflow.ChangeCutoff(office, booking)
            ? Problems.BusinessRule("appointments.change_too_late", $"Chỉ được hủy hoặc đổi lịch trước giờ hẹn ít nhất {office.ChangeCutoffHours} giờ.")
            : null;
    }
}
