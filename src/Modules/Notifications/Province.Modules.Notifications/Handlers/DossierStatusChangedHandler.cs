using Province.Modules.Dossiers.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Handlers;

/// <summary>Tells the citizen each step of their dossier, in the sentence the Dossiers module wrote for them.</summary>
internal sealed class DossierStatusChangedHandler(INotificationsStore store, TimeProvider clock)
    : CitizenMessageHandler<DossierStatusChanged>(store, clock)
{
    protected override (string Kind, Guid Id)? Item(DossierStatusChanged e) => (NotificationItemKinds.Dossier, e.DossierId);

    protected override (Guid CitizenId, string Title, string Body) Compose(DossierStatusChanged integrationEvent) =>
        (integrationEvent.CitizenId, $"Hồ sơ {integrationEvent.DossierCode}: {integrationEvent.StatusText}", integrationEvent.CitizenMessage);
}

/// <summary>Delivers the agency's apology for a late dossier (phiếu xin lỗi và hẹn lại ngày trả) to the citizen.</summary>
internal sealed class DossierApologyIssuedHandler(INotificationsStore store, TimeProvider clock)
    : CitizenMessageHandler<DossierApologyIssued>(store, clock)
{
    protected override (string Kind, Guid Id)? Item(DossierApologyIssued e) => (NotificationItemKinds.Dossier, e.DossierId);

    protected override (Guid CitizenId, string Title, string Body) Compose(DossierApologyIssued integrationEvent) =>
        (integrationEvent.CitizenId, $"Phiếu xin lỗi và hẹn lại ngày trả kết quả - hồ sơ {integrationEvent.DossierCode}", integrationEvent.Letter);
}
