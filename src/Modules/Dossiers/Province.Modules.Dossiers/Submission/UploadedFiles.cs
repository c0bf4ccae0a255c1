namespace Province.Modules.Dossiers.Submission;

/// <summary>File names of this module's uploads (citizen documents and officer results alike).</summary>
internal static class UploadedFiles
{
    /// <summary>The client's file name, kept only for display: no folders, no control characters, bounded.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        if (name.Length == 0)
        {
            return "tep-dinh-kem";
        }

        return name.Length > 200 ? name[..200] : name;
    }
}
