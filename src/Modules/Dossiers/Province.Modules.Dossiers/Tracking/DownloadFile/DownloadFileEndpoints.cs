using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Submission.Receipt;

namespace Province.Modules.Dossiers.Tracking.DownloadFile;

/// <summary>
/// Files leave only as attachments with the type we detected and <c>nosniff</c>: a browser never
/// renders or runs them in our origin.
/// </summary>
internal static class DownloadFileEndpoints
{
    public static void MapCitizenDownloadFile(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/{id:guid}/files/{fileId:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, Guid fileId, ClaimsPrincipal user, DossiersDbContext db, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var file = await db.Files.AsNoTracking()
                    .Where(f => f.Id == fileId && f.DossierId == id && db.Dossiers.Any(d => d.Id == id && d.CitizenId == citizenId))
                    .SingleOrDefaultAsync(cancellationToken);
                return await SendAsync(file, store, context, cancellationToken);
            })
            .WithName("DownloadMyDossierFile")
            .WithSummary("Tải một tệp của hồ sơ của tôi (giấy tờ đã nộp hoặc kết quả).")
            .RequireAuthorization(ProvincePolicies.Citizen);

    public static void MapStaffDownloadFile(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/{id:guid}/files/{fileId:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, Guid fileId, ClaimsPrincipal user, DossiersDbContext db, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                var agencyId = user.GetAgencyId();
                var administrator = user.IsAdministrator();
                var file = await db.Files.AsNoTracking()
                    .Where(f => f.Id == fileId && f.DossierId == id && db.Dossiers.Any(d => d.Id == id && (administrator || d.AgencyId == agencyId)))
                    .SingleOrDefaultAsync(cancellationToken);
                return await SendAsync(file, store, context, cancellationToken);
            })
            .WithName("DownloadDossierFileForOfficer")
            .WithSummary("Cán bộ tải một tệp của hồ sơ thuộc cơ quan mình.")
            .RequireAuthorization(ProvincePolicies.Staff);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> SendAsync(DossierFile? file, IFileStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var stream = file is null ? null : await store.OpenReadAsync(file.StorageKey, cancellationToken);
        if (file is null || stream is null)
        {
            return ReceiptEndpoints.NotFound();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(stream, file.ContentType, file.FileName);
    }
}
