using Province.Modules.FieldReports.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Handlers;

/// <summary>The agency answered the citizen's report (or said why it will not act).</summary>
internal sealed class FieldReportAnsweredHandler(INotificationsStore store, TimeProvider clock, ZaloMessageQueue zaloMessages)
    : CitizenMessageHandler<FieldReportAnswered>(store, clock, zaloMessages)
{
    protected override bool ConcernsACitizen(FieldReportAnswered integrationEvent) => integrationEvent.CitizenId is not null;

    protected override (string Kind, Guid Id)? Item(FieldReportAnswered e) => (NotificationItemKinds.FieldReport, e.ReportId);

    protected override (Guid CitizenId, string Title, string Body) Compose(FieldReportAnswered e) =>
        (e.CitizenId!.Value, e.Resolved ? $"Phản ánh {e.Code} đã được trả lời" : $"Phản ánh {e.Code} không được xử lý",
            e.Resolved ? $"{e.Answer} Hãy đánh giá câu trả lời để cơ quan làm tốt hơn." : $"Lý do: {e.Answer}");

    protected override ZaloMessageDraft? ZaloMessage(FieldReportAnswered e) =>
        new(ZaloMessageKind.ReportAnswered, new Dictionary<string, string>
        {
            [ZaloMessageValues.Code] = e.Code,
            [ZaloMessageValues.Status] = e.Resolved ? "Đã trả lời" : "Không xử lý",
            [ZaloMessageValues.Message] = ZaloText.Short(e.Answer),
        });
}
