using System.Text.RegularExpressions;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Identity.AdministrativeUnits;

/// <summary>
/// Addresses as people type them: folded (no diacritics), abbreviations spelled out ("P.3" → "phuong 3",
/// "TP" → "thanh pho", "TX" → "thi xa", "H." → "huyen"), leading zeros dropped ("Phường 01" → "phuong 1").
/// </summary>
internal static partial class AddressText
{
    public static string Normalize(string? text)
    {
        var folded = VietnameseText.Fold(text);
        folded = Ward().Replace(folded, "phuong $1");
        folded = City().Replace(folded, "thanh pho ");
        folded = Town().Replace(folded, "thi xa ");
        folded = District().Replace(folded, "huyen ");
        folded = Commune().Replace(folded, "xa ");
        folded = LeadingZeros().Replace(folded, "$1");
        return string.Join(' ', folded.Replace(".", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True when <paramref name="phrase"/> (normalized) occurs in <paramref name="text"/> (normalized) as whole words.</summary>
    public static bool Contains(string text, string phrase) =>
        phrase.Length > 0 && $" {text} ".Contains($" {phrase} ", StringComparison.Ordinal);

    /// <summary>Does the text name a district-level unit at all (then it must be the right one)?</summary>
    public static bool NamesADistrict(string text) =>
        Contains(text, "huyen") || Contains(text, "quan") || Contains(text, "thi xa") || Contains(text, "thanh pho");

    [GeneratedRegex(@"\bp(?:h|\.)?\.?\s*(\d+)\b")]
    private static partial Regex Ward();

    [GeneratedRegex(@"\b(?:tp|t\.p)\.?\s*")]
    private static partial Regex City();

    [GeneratedRegex(@"\btx\.?\s*")]
    private static partial Regex Town();

    [GeneratedRegex(@"\bh\.\s*")]
    private static partial Regex District();

    [GeneratedRegex(@"\bx\.\s*")]
    private static partial Regex Commune();

    [GeneratedRegex(@"\b0+(\d)")]
    private static partial Regex LeadingZeros();
}
