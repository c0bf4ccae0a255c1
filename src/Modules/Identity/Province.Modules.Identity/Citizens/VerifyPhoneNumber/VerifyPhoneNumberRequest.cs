using FluentValidation;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Identity.Citizens.VerifyPhoneNumber;

/// <summary>The short-lived token the mini app got from zmp-sdk's <c>getPhoneNumber()</c>.</summary>
internal sealed record VerifyPhoneNumberRequest(string Token);

internal sealed class VerifyPhoneNumberRequestValidator : AbstractValidator<VerifyPhoneNumberRequest>
{
    public VerifyPhoneNumberRequestValidator() =>
        // The token goes to Zalo as a header: one that is not a token (a newline, a non-ASCII letter) is refused here.
        RuleFor(r => r.Token).NotEmpty().Must(BearerTokenSyntax.IsWellFormed)
            .WithMessage("Mã xác nhận số điện thoại không hợp lệ. Vui lòng bấm lại nút xác nhận số điện thoại.").WithName("Mã xác nhận số điện thoại");
}
