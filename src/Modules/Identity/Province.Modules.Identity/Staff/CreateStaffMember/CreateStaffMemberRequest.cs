using FluentValidation;

namespace Province.Modules.Identity.Staff.CreateStaffMember;

/// <summary>An administrator opens an account for an officer (or another administrator) of an agency.</summary>
internal sealed record CreateStaffMemberRequest(string UserName, string FullName, string Password, string Role, Guid AgencyId);

internal sealed class CreateStaffMemberRequestValidator : AbstractValidator<CreateStaffMemberRequest>
{
    public CreateStaffMemberRequestValidator()
    {
        RuleFor(r => r.UserName).NotEmpty().MaximumLength(64).Matches("^[a-zA-Z0-9._-]+$")
            .WithMessage("Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ -").WithName("Tên đăng nhập");
        RuleFor(r => r.FullName).NotEmpty().MaximumLength(100).WithName("Họ và tên");
        RuleFor(r => r.Password).MeetsPasswordPolicy(r => [r.UserName, r.FullName]);
        RuleFor(r => r.Role).Must(r => r is "officer" or "administrator").WithMessage("Vai trò phải là officer hoặc administrator.");
        RuleFor(r => r.AgencyId).NotEmpty().WithName("Cơ quan");
    }
}
