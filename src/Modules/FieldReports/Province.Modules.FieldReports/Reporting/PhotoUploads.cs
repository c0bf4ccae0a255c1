using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// A report photo is checked by its bytes (JPEG or PNG only), size-capped, and stored only after
/// its metadata is removed: EXIF (GPS position, phone model, time) from JPEGs, text and EXIF chunks
/// from PNGs. What is stored is what the public may see; the original never touches the disk.
/// </summary>
internal static class PhotoUploads
{
    public static async Task<(ReportPhoto? Photo, ProblemHttpResult? Problem)> StoreAsync(
        IFormFile file, long maxBytes, Guid? citizenId, Guid? staffId, PhotoKind kind, IFileStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var upload = await UploadedFileCheck.ReadAsync(file, maxBytes, cancellationToken);
        if (upload.Type is not (DetectedFileType.Jpeg or DetectedFileType.Png))
        {
            // Programs and oversized files keep the shared answer; anything else gets the photo-specific one.
            var shared = upload.Type == DetectedFileType.Executable || upload.Problem?.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge;
            return (null, shared
                ? upload.Problem
                : Problems.Create(StatusCodes.Status415UnsupportedMediaType, "file.type_not_allowed", "Tệp không được chấp nhận", "Ảnh phản ánh phải là ảnh chụp JPEG hoặc PNG."));
        }

        var bytes = upload.Bytes.ToArray();
        byte[] clean;
        try
        {
            clean = upload.Type == DetectedFileType.Jpeg ? JpegMetadata.Strip(bytes) : StripPng(bytes);
        }
        catch (InvalidDataException)
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "file.corrupt", "Tệp không được chấp nhận", "Ảnh bị hỏng hoặc không đọc được. Vui lòng chụp lại."));
        }

        var photo = new ReportPhoto
        {
            CitizenId = citizenId,
            StaffId = staffId,
            Kind = kind,
            ContentType = upload.ContentType!,
            Size = clean.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(clean)),
            StorageKey = await store.SaveAsync("field-reports", clean, cancellationToken),
            UploadedAt = clock.GetUtcNow(),
        };
        return (photo, null);
    }

    /// <summary>Keeps only the PNG chunks needed to draw the picture (and its colour space); drops eXIf, tEXt, zTXt, iTXt, tIME.</summary>
    internal static byte[] StripPng(byte[] png)
    {
        string[] keep = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD"];
        using var output = new MemoryStream();
        output.Write(png, 0, 8);
        var position = 8;
        while (position + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position, 4));
            if (length < 0 || position + 12 + length > png.Length)
            {
                throw new InvalidDataException("Truncated PNG chunk.");
            }

            var type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            if (keep.Contains(type))
            {
                output.Write(png, position, 12 + length);
            }

            position += 12 + length;
            if (type == "IEND")
            {
                break;
            }
        }

        return output.ToArray();
    }
}
