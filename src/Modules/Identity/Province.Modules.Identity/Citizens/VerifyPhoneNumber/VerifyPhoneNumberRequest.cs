using FluentValidation;

namespace Province.Modules.Identity.Citizens.VerifyPhoneNumber;

/// <summary>The short-lived token the mini app got from zmp-sdk's <c>getPhoneNumber()</c>.</summary>
internal sealed record VerifyPhoneNumberRequest(string Token);

internal sealed class VerifyPhoneNumberRequestValidator : AbstractValidator<VerifyPhoneNumberRequest>
{
    public VerifyPhoneNumberRequestValidator() =>
        RuleFor(r => r.Token).NotEmpty().MaximumLength(2000).WithName("Mã xác nhận số điện thoại");
}
