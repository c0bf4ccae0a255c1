using FluentValidation;
using Province.BuildingBlocks.Time;

namespace Province.Modules.Identity.Citizens.UpdateMyProfile;

internal sealed class UpdateMyProfileRequestValidator : AbstractValidator<UpdateMyProfileRequest>
{
    public UpdateMyProfileRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.FullName)
            .MaximumLength(100).WithName("Họ và tên")
            .Matches(@"^[\p{L}\p{M} .'\-]+$").WithMessage("Họ và tên chỉ gồm chữ cái, dấu cách và dấu gạch nối.")
            .When(r => !string.IsNullOrEmpty(r.FullName));

        RuleFor(r => r.DateOfBirth)
            .Must(d => d >= new DateOnly(1900, 1, 1)).WithMessage("Ngày sinh không hợp lệ.")
            .Must(d => d <= clock.TodayInVietnam()).WithMessage("Ngày sinh không được ở tương lai.")
            .When(r => r.DateOfBirth is not null);

        RuleFor(r => r.CitizenIdNumber)
            .Must(CitizenIdNumber.IsWellFormed).WithMessage("Số CCCD phải gồm 12 chữ số, bắt đầu bằng mã tỉnh nơi đăng ký khai sinh (001-096).")
            .When(r => !string.IsNullOrEmpty(r.CitizenIdNumber));

        RuleFor(r => r.CitizenIdNumber)
            .Must((r, number) => CitizenIdNumber.MatchesBirthYear(number!, r.DateOfBirth!.Value))
            .WithMessage("Số CCCD không khớp với năm sinh (chữ số thứ 4-6 mã hóa thế kỷ, giới tính và năm sinh).")
            .When(r => r.DateOfBirth is not null && CitizenIdNumber.IsWellFormed(r.CitizenIdNumber));

        RuleFor(r => r.Address).MaximumLength(300).WithName("Địa chỉ");

        RuleFor(r => r.PhoneNumber)
            .Matches("^0(3|5|7|8|9)[0-9]{8}$").WithMessage("Số điện thoại di động phải có 10 chữ số, ví dụ 0912345678.")
            .When(r => !string.IsNullOrEmpty(r.PhoneNumber));

        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

/// <summary>Rules of the 12-digit CCCD number (Thông tư 59/2021/TT-BCA).</summary>
internal static class CitizenIdNumber
{
    public static bool IsWellFormed(string? number) =>
        number is { Length: 12 } && number.All(char.IsAsciiDigit) && int.Parse(number.AsSpan(0, 3), provider: null) is >= 1 and <= 96;

    /// <summary>Digit 4 encodes century and sex (0/1: 1900s, 2/3: 2000s, ...), digits 5-6 the last two digits of the birth year.</summary>
    public static bool MatchesBirthYear(string number, DateOnly dateOfBirth)
    {
        var centuryDigit = number[3] - '0';
        var century = (centuryDigit / 2) switch
        {
            0 => 1900,
            1 => 2000,
            2 => 2100,
            3 => 2200,
            _ => 1800,
        };
        var year = century + int.Parse(number.AsSpan(4, 2), provider: null);
        return year == dateOfBirth.Year;
    }
}
