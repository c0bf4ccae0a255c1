namespace Province.Modules.Dossiers.Tracking;

/// <summary>Masks personal data for public views and logs (Decree 13/2023 on personal data protection).</summary>
internal static class PersonalData
{
    /// <summary>"Nguyễn Văn An" → "Nguyễn V*** A***": enough to recognise one's own dossier, not to identify a stranger.</summary>
    public static string MaskName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "";
        }

        return string.Join(' ', words.Select((w, i) => i == 0 ? w : $"{w[0]}***"));
    }

    /// <summary>"0912345678" → "091****678".</summary>
    public static string? MaskPhone(string? phone) =>
        phone is { Length: >= 7 } ? $"{phone[..3]}****{phone[^3..]}" : phone is null ? null : "***";
}
