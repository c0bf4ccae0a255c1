using Microsoft.AspNetCore.Routing;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

/// <summary>
/// The actions that are a status change with a note or a reason and nothing more. The sentence is
/// what the citizen reads in the history; {dueDate} becomes the dossier's return date.
/// </summary>
internal static class SimpleActions
{
    public static void MapSimpleOfficerActions(this IEndpointRouteBuilder staff)
    {
        staff.MapOfficerAction<NoteRequest>("accept", "AcceptDossier",
            "Tiếp nhận hồ sơ (từ Mới đăng ký); ngày hẹn trả tính từ hôm nay theo thời hạn của thủ tục.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.Accept, officer.Actor, request.Note,
                "Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: {dueDate}.", step => new DossierAccepted(step))));

        staff.MapOfficerAction<RequiredNoteRequest>("refuse", "RefuseDossier",
            "Không tiếp nhận hồ sơ, ghi rõ lý do.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.Refuse, officer.Actor, request.Note,
                "Hồ sơ không được tiếp nhận. Lý do được ghi kèm; bạn có thể nộp lại hồ sơ mới.", step => new DossierRefused(step))));

        staff.MapOfficerAction<RequiredNoteRequest>("request-supplement", "RequestDossierSupplement",
            "Yêu cầu công dân bổ sung giấy tờ (ghi rõ còn thiếu gì); thời hạn tạm dừng đến khi công dân nộp bổ sung.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.RequestSupplement, officer.Actor, request.Note,
                "Cơ quan yêu cầu bổ sung giấy tờ (xem nội dung kèm theo). Thời hạn giải quyết tạm dừng đến khi bạn nộp bổ sung.",
                step => new SupplementRequested(step, request.Note.Trim()))));

        staff.MapOfficerAction<NoteRequest>("confirm-fee-payment", "ConfirmDossierFeePaid",
            "Xác nhận công dân đã nộp phí, lệ phí; thời hạn giải quyết chạy tiếp.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.ConfirmFeePaid, officer.Actor, request.Note,
                "Cơ quan đã nhận phí, lệ phí; hồ sơ tiếp tục được xử lý. Ngày hẹn trả: {dueDate}.", step => new FeePaid(step))));

        staff.MapOfficerAction<NoteRequest>("return-result", "ReturnDossierResult",
            "Trả kết quả cho công dân (tại quầy hoặc đã gửi bưu điện).",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.ReturnResult, officer.Actor, request.Note,
                "Kết quả đã được trả cho bạn.", step => new ResultReturned(step))));

        staff.MapOfficerAction<RequiredNoteRequest>("stop", "StopDossier",
            "Dừng xử lý hồ sơ, ghi rõ lý do.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.Stop, officer.Actor, request.Note,
                "Cơ quan dừng xử lý hồ sơ (xem lý do kèm theo).", step => new DossierStopped(step))));
    }
}
