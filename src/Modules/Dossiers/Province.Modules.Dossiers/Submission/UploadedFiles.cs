using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;

namespace Province.Modules.Dossiers.Submission;

/// <summary>This module's uploads (citizen documents and staff results alike): the parts of a request, and file names.</summary>
internal static class UploadedFiles
{
    /// <summary>Files one upload request may carry (a screen of photos picked at once).</summary>
    public const int MaxFilesPerRequest = 10;

    /// <summary>
    /// The files of an upload request: the parts named <c>files</c> (one or more), or one part named <c>file</c> (what a Zalo
    /// media picker posts); a 400 problem naming the field when there is none or too many.
    /// </summary>
    public static (IReadOnlyList<IFormFile> Files, ValidationProblem? Problem) Parts(IFormFileCollection? form)
    {
        var files = form is null ? [] : form.Where(f => f.Name is "files" or "file").ToList();
        if (files.Count == 0)
        {
            return ([], Problems.Validation(new Dictionary<string, string[]> { ["files"] = ["Vui lòng chọn ít nhất một tệp (trường files hoặc file)."] }));
        }

        if (files.Count > MaxFilesPerRequest)
        {
            return ([], Problems.Validation(new Dictionary<string, string[]> { ["files"] = [$"Mỗi lần tải lên tối đa {MaxFilesPerRequest} tệp."] }));
        }

        return (files, null);
    }

    /// <summary>The body limit of an upload request: <see cref="MaxFilesPerRequest"/> files of the per-file limit, with their framing.</summary>
    public static long RequestLimit(long maxFileBytes) =>
        MaxFilesPerRequest * (maxFileBytes + (maxFileBytes / 4) + Province.BuildingBlocks.Hosting.RequestBodyLimits.MultipartOverheadBytes);

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
