using Province.Modules.Dossiers.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>Tells the citizen each step of their dossier, in the sentence the Dossiers module wrote for them.</summary>
internal sealed class DossierStatusChangedHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<DossierStatusChanged>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(DossierStatusChanged e) => (NotificationItemKinds.Dossier, e.DossierId);

    protected override (Guid CitizenId, string Title, string Body) Compose(DossierStatusChanged integrationEvent) =>
        (integrationEvent.CitizenId, $"Hồ sơ {integrationEvent.DossierCode}: {integrationEvent.StatusText}", integrationEvent.CitizenMessage);

    /// <summary>The steps worth a message outside the app (national portal status codes: 2 accepted, 5 supplement, 6 fee, 9 result ready).</summary>
    protected override ZaloMessageDraft? ZaloMessage(DossierStatusChanged e) =>
        (e.ToStatus switch
        {
            2 => ZaloMessageKind.DossierReceived,
            5 => ZaloMessageKind.SupplementNeeded,
            6 => ZaloMessageKind.FeeRequested,
            9 => ZaloMessageKind.ResultReady,
            _ => (ZaloMessageKind?)null,
        }) is { } kind
            ? new ZaloMessageDraft(kind, new Dictionary<string, string>
            {
                [ZaloMessageValues.Code] = e.DossierCode,
                [ZaloMessageValues.Status] = e.StatusText,
                [ZaloMessageValues.Message] = ZaloText.Short(e.CitizenMessage),
            })
            : null;
}

/// <summary>Delivers the agency's apology for a late dossier (phiếu xin lỗi và hẹn lại ngày trả) to the citizen.</summary>
internal sealed class DossierApologyIssuedHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<DossierApologyIssued>(store, clock, zaloMessages)
{
    protected override (string Kind, Guid Id)? Item(DossierApologyIssued e) => (NotificationItemKinds.Dossier, e.DossierId);

    protected override (Guid CitizenId, string Title, string Body) Compose(DossierApologyIssued integrationEvent) =>
        (integrationEvent.CitizenId, $"Phiếu xin lỗi và hẹn lại ngày trả kết quả - hồ sơ {integrationEvent.DossierCode}", integrationEvent.Letter);

    protected override ZaloMessageDraft? ZaloMessage(DossierApologyIssued e) =>
        new(ZaloMessageKind.OverdueApology, new Dictionary<string, string>
        {
            [ZaloMessageValues.Code] = e.DossierCode,
            [ZaloMessageValues.Date] = ZaloText.Date(e.NewDueDate),
        });
}
