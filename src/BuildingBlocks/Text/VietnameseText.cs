using System.Globalization;
using System.Text;

namespace Province.BuildingBlocks.Text;

/// <summary>
/// Folds Vietnamese text for matching: lower case, tone marks and vowel marks removed, đ → d.
/// "Đăng ký khai sinh", "dang ky khai sinh" and "đang ky khai sinh" (a mark forgotten) all fold to
/// "dang ky khai sinh", which is how people type on a phone without a Vietnamese keyboard.
/// Punctuation other than '.' (kept for codes such as "1.001193") becomes a space.
/// </summary>
public static class VietnameseText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(character);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(character switch
            {
                'đ' or 'Đ' => 'd',
                _ when char.IsLetterOrDigit(character) || character == '.' => char.ToLowerInvariant(character),
                _ => ' ',
            });
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string[] Words(string? text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
