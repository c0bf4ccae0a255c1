using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

internal sealed record CompleteDossierRequest(string? Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class CompleteDossierRequestValidator : AbstractValidator<CompleteDossierRequest>
{
    public CompleteDossierRequestValidator()
    {
        RuleFor(r => r.Note).MaximumLength(2000).WithName("Ghi chú kết quả");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class CompleteDossier
{
    public static void MapCompleteDossier(this IEndpointRouteBuilder staff) =>
        staff.MapOfficerAction<CompleteDossierRequest>("complete", "CompleteDossier",
            "Hoàn thành xử lý: cần tệp kết quả đã tải lên (result-files) hoặc ghi chú (note); hồ sơ trễ hạn cần phiếu xin lỗi trước.",
            async (officer, request, change) =>
            {
                var dossier = change.Dossier;
                if (DossierWorkflow.Check(dossier, DossierAction.Complete) is { } refusal)
                {
                    return refusal;
                }

                var hasResultFiles = await change.Session.Query<DossierFile>()
                    .AnyAsync(f => f.DossierId == dossier.Id && f.Purpose == DossierFilePurpose.Result, officer.CancellationToken);
                if (!hasResultFiles && string.IsNullOrWhiteSpace(request.Note))
                {
                    return Problems.BusinessRule("dossier.result_missing", "Cần tải lên giấy tờ kết quả hoặc ghi chú kết quả (ví dụ: bản chính trả tại quầy) trước khi hoàn thành.");
                }

                // A late dossier owes the citizen an apology with a new date (phiếu xin lỗi và hẹn lại) before it closes.
                if (dossier.DueDate < officer.Workflow.Deadlines.Today)
                {
                    return Problems.BusinessRule("dossier.apology_required",
                        $"Hồ sơ đã quá ngày hẹn trả {dossier.DueDate:dd/MM/yyyy}. Vui lòng lập phiếu xin lỗi và hẹn lại ngày trả trước khi hoàn thành.");
                }

                var resultNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
                return officer.Workflow.Apply(change, DossierAction.Complete, officer.Actor, request.Note,
                    dossier.Delivery == ResultDelivery.PublicPostal
                        ? "Hồ sơ đã có kết quả; kết quả sẽ được gửi qua bưu điện đến địa chỉ bạn đăng ký."
                        : "Hồ sơ đã có kết quả. Mời bạn đến Bộ phận Một cửa nhận kết quả.",
                    step => new DossierCompleted(step, resultNote));
            });
}
