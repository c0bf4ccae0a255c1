using System.Text.RegularExpressions;

namespace Province.BuildingBlocks.Text;

/// <summary>
/// Masks what identifies a person when citizens' own words are shown publicly (Decree 13/2023 on personal data):
/// people type their phone number, their CCCD or a neighbour's into a report's description. Any run of 9 to 12
/// digits (spaces, dots or dashes between them allowed, an optional +84 before) is a phone, CCCD (12) or old
/// CMND (9) number; e-mail addresses are anything@domain.tld. Shorter numbers (house numbers, dates, plots)
/// stay. A long amount of money typed without its unit is masked too: the cost of being safe.
/// </summary>
public static partial class PersonalDataMask
{
    public const string NumberMask = "[số đã ẩn]";

    public const string EmailMask = "[email đã ẩn]";

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = Email().Replace(text, EmailMask);
        return LongNumber().Replace(masked, NumberMask);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\p{Nd}])(?:\+\s?)?\p{Nd}(?:[ .\-]?\p{Nd}){8,13}(?![\p{Nd}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LongNumber();
}
