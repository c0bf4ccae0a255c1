using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// A report photo is checked by its bytes (JPEG or PNG only), size-capped, and stored only after
/// its metadata is removed (<see cref="UploadedFileCheck"/>, shared with every module's uploads): EXIF (GPS
/// position, phone model, time) from JPEGs, text and EXIF chunks from PNGs. What is stored is what the public
/// may see; the original never touches the disk.
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

        if (upload.Problem is not null)
        {
            // A photo by its first bytes that is not one by its structure, or that carries a page or script.
            return (null, upload.Problem);
        }

        // Checked by structure and stripped of its metadata by the shared upload check: these bytes are what is stored.
        var clean = upload.Bytes.ToArray();
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
}
