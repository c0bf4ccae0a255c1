using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Files;

/// <summary>What an upload really is, judged by its first bytes, never by its name or declared type.</summary>
public enum DetectedFileType
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Pdf,
    Executable,
}

/// <summary>An upload read (within its cap) and judged; <see cref="Problem"/> is the answer when it is refused.</summary>
public sealed record CheckedUpload(ReadOnlyMemory<byte> Bytes, DetectedFileType Type, string? ContentType, ProblemHttpResult? Problem);

public sealed record UploadedFileVerdict(DetectedFileType Type, string? ContentType, string? Error)
{
    public bool Accepted => Error is null;
}

/// <summary>
/// Checks an upload by content: only photos (JPEG, PNG, WebP) and PDF pass; programs are named as
/// such so the citizen understands why. Messages are Vietnamese, shown as they are.
/// </summary>
public static class UploadedFileCheck
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public static DetectedFileType Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DetectedFileType.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DetectedFileType.Png;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return DetectedFileType.WebP;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return DetectedFileType.Pdf;
        }

        // Windows PE ("MZ"), Linux ELF, Mach-O, shell scripts: named so the message can say what it is.
        if (head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])
            || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || head.StartsWith("#!"u8))
        {
            return DetectedFileType.Executable;
        }

        return DetectedFileType.Unknown;
    }

    public static UploadedFileVerdict Check(ReadOnlySpan<byte> content, long maxBytes = DefaultMaxBytes)
    {
        if (content.Length == 0)
        {
            return new(DetectedFileType.Unknown, null, "Tệp rỗng, vui lòng chọn lại tệp.");
        }

        if (content.Length > maxBytes)
        {
            return new(DetectedFileType.Unknown, null, TooLarge(maxBytes));
        }

        var type = Detect(content[..Math.Min(content.Length, 16)]);
        return type switch
        {
            DetectedFileType.Jpeg => new(type, "image/jpeg", null),
            DetectedFileType.Png => new(type, "image/png", null),
            DetectedFileType.WebP => new(type, "image/webp", null),
            DetectedFileType.Pdf => new(type, "application/pdf", null),
            DetectedFileType.Executable => new(type, null, "Tệp này là một chương trình chạy được, không phải ảnh hay PDF, nên không được tải lên (dù tên tệp là gì)."),
            _ => new(type, null, "Chỉ nhận ảnh (JPEG, PNG, WebP) hoặc tệp PDF; nội dung tệp này không thuộc các loại đó."),
        };
    }

    /// <summary>Reads a form file, at most <paramref name="maxBytes"/>, and judges it by content: 413 too large, 415 not a photo or PDF.</summary>
    public static async Task<CheckedUpload> ReadAsync(IFormFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > maxBytes)
        {
            return new(default, DetectedFileType.Unknown, null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "file.too_large", "Tệp quá lớn", TooLarge(maxBytes)));
        }

        using var buffer = new MemoryStream((int)Math.Min(file.Length, maxBytes));
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var bytes = buffer.ToArray();
        var verdict = Check(bytes, maxBytes);
        if (!verdict.Accepted)
        {
            var status = bytes.Length > maxBytes ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status415UnsupportedMediaType;
            var code = bytes.Length > maxBytes ? "file.too_large" : verdict.Type == DetectedFileType.Executable ? "file.executable" : "file.type_not_allowed";
            return new(default, verdict.Type, null, Problems.Create(status, code, "Tệp không được chấp nhận", verdict.Error));
        }

        return new(bytes, verdict.Type, verdict.ContentType, null);
    }

    public static string TooLarge(long maxBytes) =>
        $"Tệp vượt quá dung lượng cho phép ({maxBytes / (1024 * 1024)} MB). Vui lòng chụp lại với độ phân giải thấp hơn hoặc nén tệp.";
}
