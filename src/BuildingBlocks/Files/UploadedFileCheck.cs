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
/// such so the citizen understands why. Messages are Vietnamese, shown as they are. Every module's uploads go
/// through <see cref="ReadAsync"/>, which also refuses files that carry a web page or script (a JPEG header
/// followed by HTML is a page to a browser that sniffs) and hands back images without their metadata
/// (GPS position, camera serial, author): the returned bytes are what is stored.
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

        if (ContainsMarkup(bytes))
        {
            return new(default, verdict.Type, null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "file.markup", "Tệp không được chấp nhận",
                "Tệp có chứa mã trang web hoặc mã lệnh (HTML, script) nên không được tải lên. Vui lòng chụp hoặc xuất lại tệp."));
        }

        byte[] clean;
        try
        {
            clean = StripMetadata(bytes, verdict.Type);
        }
        catch (InvalidDataException)
        {
            return new(default, verdict.Type, null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "file.corrupt", "Tệp không được chấp nhận",
                "Ảnh bị hỏng hoặc nội dung không đúng định dạng ảnh. Vui lòng chụp lại hoặc chọn tệp khác."));
        }

        return new(clean, verdict.Type, verdict.ContentType, null);
    }

    /// <summary>
    /// An image without its metadata, checked by its structure on the way (a file that only starts like an image
    /// throws <see cref="InvalidDataException"/>); a PDF as it is (served only as a download).
    /// </summary>
    public static byte[] StripMetadata(byte[] content, DetectedFileType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        switch (type)
        {
            case DetectedFileType.Jpeg:
                var jpeg = JpegMetadata.Strip(content);
                // A photo has image data (SOS) and ends (EOI); a header followed by anything else is not one.
                if (jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]) < 0 || !jpeg.AsSpan().EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]))
                {
                    throw new InvalidDataException("The JPEG has no image data or no end marker.");
                }

                return jpeg;
            case DetectedFileType.Png:
                return PngMetadata.Strip(content);
            case DetectedFileType.WebP:
                return WebpMetadata.Strip(content);
            default:
                return content;
        }
    }

    /// <summary>Web page or script text anywhere in the file (ASCII, any case): what a sniffing browser would run.</summary>
    public static bool ContainsMarkup(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<string> markers = ["<html", "<script", "<body", "<head", "<iframe", "<svg", "<!doctype", "<?xml-stylesheet", "<?php", "<object", "<embed", "javascript:"];
        var lower = new byte[content.Length];
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }

        foreach (var marker in markers)
        {
            if (lower.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(marker)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public static string TooLarge(long maxBytes) =>
        $"Tệp vượt quá dung lượng cho phép ({maxBytes / (1024 * 1024)} MB). Vui lòng chụp lại với độ phân giải thấp hơn hoặc nén tệp.";
}
