using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

internal sealed record RequestFeeRequest(long Amount, string Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class RequestFeeRequestValidator : AbstractValidator<RequestFeeRequest>
{
    public RequestFeeRequestValidator()
    {
        RuleFor(r => r.Amount).GreaterThan(0).WithMessage("Số tiền phải lớn hơn 0 đồng.")
            .LessThanOrEqualTo(100_000_000_000).WithMessage("Số tiền không hợp lệ.");
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ khoản phí, lệ phí.").MaximumLength(500).WithName("Nội dung");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class RequestFee
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void MapRequestFee(this IEndpointRouteBuilder staff) =>
        staff.MapOfficerAction<RequestFeeRequest>("request-fee", "RequestDossierFee",
            "Ghi nhận nghĩa vụ tài chính (phí, lệ phí) công dân phải nộp; thời hạn tạm dừng đến khi nộp xong.",
            (officer, request, change) => Task.FromResult(officer.Workflow.Apply(change, DossierAction.RequestFee, officer.Actor, request.Note,
                $"Bạn cần nộp {request.Amount.ToString("N0", Vietnamese)} đồng ({request.Note.Trim()}). Thời hạn giải quyết tạm dừng đến khi nộp xong.",
                step => new FeeRequested(step, request.Amount, request.Note.Trim()))));
}
