using System.Security.Claims;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Security;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// A report photo is checked by its bytes (JPEG or PNG only), size-capped, and stored only after
/// its metadata is removed (<see cref="UploadedFileCheck"/>, shared with every module's uploads): EXIF (GPS
/// position, phone model, time) from JPEGs, text and EXIF chunks from PNGs. What is stored is what anyone who is
/// shown the photo sees; the original never touches the disk.
/// </summary>
internal static class PhotoUploads
{
    /// <summary>As many as a report or an answer takes.</summary>
    public const int MaxFilesPerRequest = 4;

    /// <summary>
    /// <c>POST {group}/uploads</c> for <paramref name="kind"/>: the citizen's report photos and the staff's photos of the
    /// fix share one endpoint shape (multipart, the size cap, the one upload answer); only who may call it differs.
    /// </summary>
    public static RouteHandlerBuilder MapPhotoUpload(this IEndpointRouteBuilder group, PhotoKind kind, string name, string summary) =>
        group.MapPost("/uploads", (HttpRequest request, ClaimsPrincipal user, IFieldReportsStore reports, IFileStore store, ReportPresenter presenter, TimeProvider clock,
                CancellationToken cancellationToken) => UploadAsync(request, user, kind, reports, store, presenter, clock, cancellationToken))
            .WithName(name)
            .WithSummary(summary)
            .DisableAntiforgery()
            .WithUploadLimit(MaxFilesPerRequest * group.ServiceProvider.GetRequiredService<IOptions<FieldReportsSettings>>().Value.MaxPhotoBytes)
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<UploadedFilesResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(kind == PhotoKind.Report ? ProvincePolicies.Citizen : ProvincePolicies.Staff);

    /// <summary>
    /// One upload request: the parts named <c>files</c> (or a single <c>file</c>, what a Zalo media picker posts),
    /// every one checked before any is stored, so a refused file leaves nothing behind; answered 201 with the
    /// photos in the one upload shape, their <c>url</c> a signed link.
    /// </summary>
    public static async Task<IResult> UploadAsync(HttpRequest request, ClaimsPrincipal user, PhotoKind kind, IFieldReportsStore reports, IFileStore store,
        ReportPresenter presenter, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return NoFiles();
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var files = form.Files.Where(f => f.Name is "files" or "file").ToList();
        if (files.Count == 0)
        {
            return NoFiles();
        }

        if (files.Count > MaxFilesPerRequest)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "field_report.too_many_photos", "Quá nhiều ảnh", $"Tối đa {MaxFilesPerRequest} ảnh cho một lần tải lên.");
        }

        var settings = presenter.Settings;
        var citizenId = kind == PhotoKind.Report ? user.GetCitizenId() : (Guid?)null;
        var staffId = kind == PhotoKind.Fix ? user.GetStaffId() : (Guid?)null;
        await using var session = reports.LightweightSession();
        if (citizenId is not null)
        {
            // The quota is checked before a photo is read (a photo is at most MaxPhotoBytes) and stored.
            var pending = await session.Query<ReportPhoto>().Where(p => p.CitizenId == citizenId && p.ReportId == null)
                .Select(p => p.Size).ToListAsync(cancellationToken);
            var sizes = pending.ToList();
            foreach (var file in files)
            {
                var incoming = Math.Min(file.Length, settings.MaxPhotoBytes);
                if (PendingUploads.CheckQuota(sizes, incoming, settings.PendingUploads) is { } overQuota)
                {
                    return overQuota;
                }

                sizes.Add(incoming);
            }
        }

        var checkedFiles = new List<(IFormFile File, byte[] Bytes, string ContentType)>();
        foreach (var file in files)
        {
            var (bytes, contentType, problem) = await CheckAsync(file, settings.MaxPhotoBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            checkedFiles.Add((file, bytes!, contentType!));
        }

        var photos = new List<ReportPhoto>();
        foreach (var (file, bytes, contentType) in checkedFiles)
        {
            var photo = new ReportPhoto
            {
                CitizenId = citizenId,
                StaffId = staffId,
                Kind = kind,
                ContentType = contentType,
                Size = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                StorageKey = await store.SaveAsync("field-reports", bytes, cancellationToken),
                FileName = SafeName(file.FileName),
                UploadedAt = clock.GetUtcNow(),
            };
            session.Insert(photo);
            photos.Add(photo);
        }

        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created((string?)null, new UploadedFilesResponse([.. photos.Select(presenter.SignedPhoto)]));
    }

    /// <summary>The clean bytes and their type, or why the file is refused.</summary>
    public static async Task<(byte[]? Bytes, string? ContentType, ProblemHttpResult? Problem)> CheckAsync(IFormFile file, long maxBytes, CancellationToken cancellationToken)
    {
        var upload = await UploadedFileCheck.ReadAsync(file, maxBytes, cancellationToken);
        if (upload.Type is not (DetectedFileType.Jpeg or DetectedFileType.Png))
        {
            // Programs and oversized files keep the shared answer; anything else gets the photo-specific one.
            var shared = upload.Type == DetectedFileType.Executable || upload.Problem?.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge;
            return (null, null, shared
                ? upload.Problem
                : Problems.Create(StatusCodes.Status415UnsupportedMediaType, "file.type_not_allowed", "Tệp không được chấp nhận", "Ảnh phản ánh phải là ảnh chụp JPEG hoặc PNG."));
        }

        // A photo by its first bytes that is not one by its structure, or that carries a page or script.
        return upload.Problem is not null ? (null, null, upload.Problem) : (upload.Bytes.ToArray(), upload.ContentType!, null);
    }

    private static string? SafeName(string? name)
    {
        var bare = Path.GetFileName(name ?? "").Trim();
        return bare.Length is 0 or > 200 ? null : bare;
    }

    private static ProblemHttpResult NoFiles() =>
        Problems.Create(StatusCodes.Status400BadRequest, "field_report.photo_missing", "Chưa có ảnh", "Vui lòng gửi ảnh trong phần \"files\" (hoặc \"file\") của biểu mẫu multipart/form-data.");
}
