namespace Province.Modules.Dossiers.Submission;

/// <summary>File names of this module's uploads (citizen documents and officer results alike).</summary>
internal static class UploadedFiles
{
    /// <summary>
    /// The client's file name, kept only for display and downloads: no folders, no control characters, no bidi
    /// overrides ("hoa-don\u202Efdp.exe" shows as "hoa-donexe.pdf"), bounded.
    /// </summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = new string([.. Province.BuildingBlocks.Text.TextInput.Clean(name).Where(c => !char.IsControl(c) && c is not ('/' or '\\'))]).Trim();
        if (name.Length == 0)
        {
            return "tep-dinh-kem";
        }

        return name.Length > 200 ? name[..200] : name;
    }
}
