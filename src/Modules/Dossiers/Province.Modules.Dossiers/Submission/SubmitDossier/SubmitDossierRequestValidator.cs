using FluentValidation;
using Province.BuildingBlocks.Time;

namespace Province.Modules.Dossiers.Submission.SubmitDossier;

internal sealed class SubmitDossierRequestValidator(TimeProvider clock) : DossierApplicationValidator<SubmitDossierRequest>(clock);

/// <summary>The rules of a dossier's application, the same whether the citizen submits it online or an officer types it in at the counter.</summary>
internal abstract class DossierApplicationValidator<TApplication> : AbstractValidator<TApplication>
    where TApplication : IDossierApplication
{
    protected DossierApplicationValidator(TimeProvider clock)
    {
        RuleFor(r => r.ProcedureCode).NotEmpty().MaximumLength(30).WithName("Mã thủ tục");
        RuleFor(r => r.Applicant).NotNull().WithMessage("Thiếu thông tin người nộp hồ sơ.");
        RuleFor(r => r.Applicant.FullName)
            .NotEmpty().WithMessage("Vui lòng nhập họ và tên người nộp.")
            .MaximumLength(100).WithName("Họ và tên")
            .Matches(@"^[\p{L}\p{M} .'\-]+$").WithMessage("Họ và tên chỉ gồm chữ cái, dấu cách và dấu gạch nối.")
            .When(r => r.Applicant is not null);
        RuleFor(r => r.Applicant.DateOfBirth)
            .Must(d => d >= new DateOnly(1900, 1, 1) && d <= clock.TodayInVietnam()).WithMessage("Ngày sinh không hợp lệ.")
            .When(r => r.Applicant?.DateOfBirth is not null);
        RuleFor(r => r.Applicant.CitizenIdNumber)
            .Matches("^[0-9]{12}$").WithMessage("Số CCCD phải gồm đúng 12 chữ số.")
            .When(r => !string.IsNullOrEmpty(r.Applicant?.CitizenIdNumber));
        RuleFor(r => r.Applicant.PhoneNumber)
            .NotEmpty().WithMessage("Vui lòng nhập số điện thoại để cơ quan liên hệ khi cần.")
            .Matches("^0(3|5|7|8|9)[0-9]{8}$").WithMessage("Số điện thoại di động phải có 10 chữ số, ví dụ 0912345678.")
            .When(r => r.Applicant is not null);
        RuleFor(r => r.Applicant.Email)
            .EmailAddress().WithMessage("Địa chỉ email không hợp lệ.")
            .MaximumLength(200)
            .When(r => !string.IsNullOrEmpty(r.Applicant?.Email));
        RuleFor(r => r.Applicant.Address).MaximumLength(300).WithName("Địa chỉ").When(r => r.Applicant is not null);
        RuleFor(r => r.Summary).MaximumLength(1000).WithName("Trích yếu");

        RuleFor(r => r.Documents).NotEmpty().WithMessage("Vui lòng đính kèm giấy tờ của hồ sơ.");
        RuleForEach(r => r.Documents).ChildRules(document =>
        {
            document.RuleFor(d => d.DocumentKey).NotEmpty().MaximumLength(20).WithName("Mã giấy tờ");
            document.RuleFor(d => d.FileIds).NotEmpty().WithMessage("Mỗi giấy tờ cần ít nhất một tệp.")
                .Must(ids => ids.Count <= 10).WithMessage("Mỗi giấy tờ tối đa 10 tệp.");
        }).When(r => r.Documents is not null);

        RuleFor(r => r.Delivery).NotNull().WithMessage("Vui lòng chọn cách nhận kết quả.");
        RuleFor(r => r.Delivery.Method)
            .Must(m => m is "atOffice" or "publicPostal").WithMessage("Cách nhận kết quả là \"atOffice\" (tại bộ phận một cửa) hoặc \"publicPostal\" (qua bưu chính công ích).")
            .When(r => r.Delivery is not null);
        RuleFor(r => r.Delivery.Address)
            .NotEmpty().WithMessage("Vui lòng nhập địa chỉ nhận kết quả qua bưu điện.")
            .MaximumLength(300)
            .When(r => r.Delivery is { Method: "publicPostal" });
    }
}
