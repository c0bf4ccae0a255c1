using System.Globalization;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Handlers;

/// <summary>The citizen's appointment is tomorrow (or within the configured lead time).</summary>
internal sealed class AppointmentReminderDueHandler(INotificationsStore store, TimeProvider clock)
    : CitizenMessageHandler<AppointmentReminderDue>(store, clock)
{
    protected override (string Kind, Guid Id)? Item(AppointmentReminderDue e) => (NotificationItemKinds.Booking, e.BookingId);

    protected override (Guid CitizenId, string Title, string Body) Compose(AppointmentReminderDue e) =>
        (e.CitizenId, $"Nhắc lịch hẹn {e.BookingCode}",
            $"Bạn có lịch hẹn {e.ServiceGroupName} tại {e.OfficeName} lúc {e.StartsAt.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture)}. " +
            "Vui lòng mang theo CCCD và quét mã lịch hẹn tại máy lấy số.");
}

/// <summary>The office approved or rejected the citizen's booking.</summary>
internal sealed class AppointmentDecidedHandler(INotificationsStore store, TimeProvider clock)
    : CitizenMessageHandler<AppointmentDecided>(store, clock)
{
    protected override (string Kind, Guid Id)? Item(AppointmentDecided e) => (NotificationItemKinds.Booking, e.BookingId);

    protected override (Guid CitizenId, string Title, string Body) Compose(AppointmentDecided e) =>
        e.Approved
            ? (e.CitizenId, $"Lịch hẹn {e.BookingCode} đã được xác nhận", "Bộ phận một cửa đã xác nhận lịch hẹn của bạn.")
            : (e.CitizenId, $"Lịch hẹn {e.BookingCode} không được chấp nhận", $"Lý do: {e.Reason}");
}

/// <summary>Only a few people are ahead: time to go to the office hall.</summary>
internal sealed class QueueTicketNearlyCalledHandler(INotificationsStore store, TimeProvider clock)
    : CitizenMessageHandler<QueueTicketNearlyCalled>(store, clock)
{
    protected override (string Kind, Guid Id)? Item(QueueTicketNearlyCalled e) => (NotificationItemKinds.Ticket, e.TicketId);

    protected override (Guid CitizenId, string Title, string Body) Compose(QueueTicketNearlyCalled e) =>
        (e.CitizenId, $"Sắp đến lượt số {e.TicketNumber}",
            e.Ahead == 0 ? $"Bạn là người tiếp theo tại {e.OfficeName}." : $"Còn {e.Ahead} người trước bạn tại {e.OfficeName}. Vui lòng có mặt tại sảnh.");
}
