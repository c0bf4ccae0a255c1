using System.Globalization;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>The citizen's appointment is tomorrow (or within the configured lead time).</summary>
internal sealed class AppointmentReminderDueHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<AppointmentReminderDue>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(AppointmentReminderDue e) => (NotificationItemKinds.Booking, e.BookingId);

    protected override (Guid CitizenId, string Title, string Body) Compose(AppointmentReminderDue e) =>
        (e.CitizenId, $"Nhắc lịch hẹn {e.BookingCode}",
            $"Bạn có lịch hẹn {e.ServiceGroupName} tại {e.OfficeName} lúc {e.StartsAt.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture)}. " +
            "Vui lòng mang theo CCCD và quét mã lịch hẹn tại máy lấy số.");

    protected override ZaloMessageDraft? ZaloMessage(AppointmentReminderDue e) =>
        new(ZaloMessageKind.BookingReminder, ZaloText.Booking(e.BookingCode, e.StartsAt, e.OfficeName, e.ServiceGroupName));
}

/// <summary>A booking the office confirmed at once (no approval needed): the citizen has it in writing.</summary>
internal sealed class AppointmentBookedHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<AppointmentBooked>(store, clock, zaloMessages)
{
    protected override (Guid CitizenId, string Title, string Body) Compose(AppointmentBooked e) =>
        (e.CitizenId, e.Confirmed ? $"Đã đặt lịch hẹn {e.BookingCode}" : $"Đã gửi yêu cầu đặt lịch {e.BookingCode}",
            $"{e.ServiceGroupName} tại {e.OfficeName} lúc {ZaloText.Time(e.StartsAt)} ngày {ZaloText.Date(e.StartsAt)}. " +
            (e.Confirmed ? "Vui lòng mang theo CCCD và đến đúng giờ." : "Bộ phận một cửa sẽ xác nhận lịch hẹn và báo cho bạn."));

    protected override ZaloMessageDraft? ZaloMessage(AppointmentBooked e) =>
        e.Confirmed ? new(ZaloMessageKind.BookingConfirmed, ZaloText.Booking(e.BookingCode, e.StartsAt, e.OfficeName, e.ServiceGroupName)) : null;
}

/// <summary>The office approved or rejected the citizen's booking.</summary>
internal sealed class AppointmentDecidedHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<AppointmentDecided>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(AppointmentDecided e) => (NotificationItemKinds.Booking, e.BookingId);

    protected override (Guid CitizenId, string Title, string Body) Compose(AppointmentDecided e) =>
        e.Approved
            ? (e.CitizenId, $"Lịch hẹn {e.BookingCode} đã được xác nhận", "Bộ phận một cửa đã xác nhận lịch hẹn của bạn.")
            : (e.CitizenId, $"Lịch hẹn {e.BookingCode} không được chấp nhận", $"Lý do: {e.Reason}");

    protected override ZaloMessageDraft? ZaloMessage(AppointmentDecided e) =>
        e.Approved ? new(ZaloMessageKind.BookingConfirmed, new Dictionary<string, string> { [ZaloMessageValues.Code] = e.BookingCode }) : null;
}

/// <summary>Only a few people are ahead: time to go to the office hall.</summary>
internal sealed class QueueTicketNearlyCalledHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<QueueTicketNearlyCalled>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(QueueTicketNearlyCalled e) => (NotificationItemKinds.Ticket, e.TicketId);

    protected override (Guid CitizenId, string Title, string Body) Compose(QueueTicketNearlyCalled e) =>
        (e.CitizenId, $"Sắp đến lượt số {e.TicketNumber}",
            e.Ahead == 0 ? $"Bạn là người tiếp theo tại {e.OfficeName}." : $"Còn {e.Ahead} người trước bạn tại {e.OfficeName}. Vui lòng có mặt tại sảnh.");

    protected override ZaloMessageDraft? ZaloMessage(QueueTicketNearlyCalled e) =>
        new(ZaloMessageKind.NumberNear, new Dictionary<string, string>
        {
            [ZaloMessageValues.Number] = e.TicketNumber,
            [ZaloMessageValues.Place] = e.OfficeName,
            [ZaloMessageValues.Ahead] = e.Ahead.ToString(CultureInfo.InvariantCulture),
        });
}
