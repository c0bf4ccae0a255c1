using FluentValidation;

namespace Province.Modules.Identity.Staff.SignIn;

internal sealed record SignInRequest(string UserName, string Password);

internal sealed class SignInRequestValidator : AbstractValidator<SignInRequest>
{
    public SignInRequestValidator()
    {
        RuleFor(r => r.UserName).NotEmpty().MaximumLength(64).WithName("Tên đăng nhập");
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200).WithName("Mật khẩu");
    }
}
