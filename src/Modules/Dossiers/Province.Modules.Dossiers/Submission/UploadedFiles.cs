using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;

namespace Province.Modules.Dossiers.Submission;

internal sealed record CheckedUpload(ReadOnlyMemory<byte> Bytes, string? ContentType, ProblemHttpResult? Problem);

/// <summary>The checks every upload of this module goes through (citizen documents and officer results alike).</summary>
internal static class UploadedFiles
{
    public static async Task<CheckedUpload> ReadCheckedAsync(IFormFile file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file.Length > maxBytes)
        {
            return new(default, null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "file.too_large", "Tệp quá lớn", UploadedFileCheck.TooLarge(maxBytes)));
        }

        using var buffer = new MemoryStream((int)Math.Min(file.Length, maxBytes));
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var bytes = buffer.ToArray();
        var verdict = UploadedFileCheck.Check(bytes, maxBytes);
        if (!verdict.Accepted)
        {
            var status = bytes.Length > maxBytes ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status415UnsupportedMediaType;
            var code = bytes.Length > maxBytes ? "file.too_large" : verdict.Type == DetectedFileType.Executable ? "file.executable" : "file.type_not_allowed";
            return new(default, null, Problems.Create(status, code, "Tệp không được chấp nhận", verdict.Error));
        }

        return new(bytes, verdict.ContentType, null);
    }

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
