using FluentValidation;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Identity.Staff;

/// <summary>
/// What a staff password must be (after NIST SP 800-63B: length and a block list rather than composition rules):
/// 12 to 128 characters, at least 6 different ones, not the user name or full name (without diacritics, any
/// case), not a well-known password.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const int MinDistinctCharacters = 6;

    /// <summary>Passwords first tried by anyone guessing, and words every Vietnamese office would think of.</summary>
    private static readonly string[] WellKnown =
    [
        "password", "matkhau", "123456", "12345678", "123456789", "qwerty", "abc123", "111111", "admin", "quantri",
        "iloveyou", "letmein", "welcome", "motcua", "ubnd", "canbo", "vietnam",
    ];

    public static IRuleBuilderOptions<T, string> MeetsPasswordPolicy<T>(this IRuleBuilderInitial<T, string> rule, Func<T, IEnumerable<string?>> personalWords) =>
        // Stop at the first failure: the later rules read the password, which may be missing.
        rule.Cascade(CascadeMode.Stop).NotEmpty()
            .MinimumLength(MinLength).WithMessage($"Mật khẩu phải có ít nhất {MinLength} ký tự.")
            .MaximumLength(MaxLength).WithMessage($"Mật khẩu không quá {MaxLength} ký tự.")
            .Must(password => password.Distinct().Count() >= MinDistinctCharacters)
            .WithMessage($"Mật khẩu phải có ít nhất {MinDistinctCharacters} ký tự khác nhau.")
            .Must((request, password) => !ContainsAny(password, personalWords(request)))
            .WithMessage("Mật khẩu không được chứa tên đăng nhập hoặc họ tên.")
            .Must(password => !ContainsAny(password, WellKnown))
            .WithMessage("Mật khẩu quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.")
            .WithName("Mật khẩu");

    private static bool ContainsAny(string password, IEnumerable<string?> words)
    {
        var folded = Squeeze(password);
        return words.Where(word => !string.IsNullOrWhiteSpace(word))
            .SelectMany(word => word!.Split([' ', '.', '_', '-'], StringSplitOptions.RemoveEmptyEntries).Append(word))
            .Select(Squeeze)
            // Short parts of a name ("An", "Lê") appear in many good passwords: only parts of 4+ letters count.
            .Any(part => part.Length >= 4 && folded.Contains(part, StringComparison.Ordinal));
    }

    private static string Squeeze(string text) => new([.. VietnameseText.Fold(text).Where(char.IsLetterOrDigit)]);
}
