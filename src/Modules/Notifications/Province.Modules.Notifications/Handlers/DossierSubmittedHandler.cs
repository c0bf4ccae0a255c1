using System.Globalization;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>
/// Confirms an online submission in the citizen's inbox with the code to follow it and the promised
/// return date: the paper receipt's counterpart, kept even if the citizen closed the mini app too soon.
/// </summary>
internal sealed class DossierSubmittedHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<DossierSubmitted>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(DossierSubmitted e) => (NotificationItemKinds.Dossier, e.DossierId);

    protected override (Guid CitizenId, string Title, string Body) Compose(DossierSubmitted e) =>
        (e.CitizenId, $"Hồ sơ {e.DossierCode} đã được gửi",
            $"Hồ sơ \"{e.ProcedureName}\" của bạn đã được gửi trực tuyến. Mã hồ sơ: {e.DossierCode}. " +
            $"Ngày hẹn trả kết quả dự kiến: {e.DueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}; " +
            "ngày chính thức được tính lại khi cơ quan tiếp nhận hồ sơ.");
}
