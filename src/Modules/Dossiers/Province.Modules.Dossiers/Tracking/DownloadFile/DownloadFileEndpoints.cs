using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
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
                Guid id, Guid fileId, ClaimsPrincipal user, IDossiersStore documents, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var file = await FindAsync(documents, id, fileId, d => d.CitizenId == citizenId, cancellationToken);
                return await SendAsync(file, store, context, cancellationToken);
            })
            .WithName("DownloadMyDossierFile")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp", "application/pdf"])
            .WithSummary("Tải một tệp của hồ sơ của tôi (giấy tờ đã nộp hoặc kết quả).")
            .RequireAuthorization(ProvincePolicies.Citizen);

    public static void MapStaffDownloadFile(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/{id:guid}/files/{fileId:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, Guid fileId, ClaimsPrincipal user, IDossiersStore documents, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                var agencyId = user.GetAgencyId();
                var administrator = user.IsAdministrator();
                var file = await FindAsync(documents, id, fileId, d => administrator || d.AgencyId == agencyId, cancellationToken);
                return await SendAsync(file, store, context, cancellationToken);
            })
            .WithName("DownloadDossierFileForStaff")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp", "application/pdf"])
            .WithSummary("Cán bộ tải một tệp của hồ sơ thuộc cơ quan mình.")
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>
    /// The signed link every answer puts in a file's <c>url</c> (<see cref="FileLinks.ContentPath"/>): opens without headers
    /// (an <c>&lt;img&gt;</c>, a download link) for whoever was handed the link, for its minutes. An upload not yet attached
    /// to a dossier is linked under the empty dossier id.
    /// </summary>
    public static void MapSignedFileContent(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/{id:guid}/files/{fileId:guid}/content", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, Guid fileId, IDossiersStore documents, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                await using var session = documents.QuerySession();
                var file = await session.LoadAsync<DossierFile>(fileId, cancellationToken);
                var matches = file is not null && (file.DossierId ?? Guid.Empty) == id;
                return await SendAsync(matches ? file : null, store, context, cancellationToken);
            })
            .WithName("OpenDossierFileBySignedLink")
            .WithSummary("Mở một tệp của hồ sơ bằng liên kết có chữ ký (trường url trong các câu trả lời), không cần tiêu đề Authorization; liên kết hết hạn sau 15 phút.")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp", "application/pdf"])
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireSignedLink();

    /// <summary>The dossier's file, when the dossier exists and the reader may see it (otherwise null, answered as 404).</summary>
    private static async Task<DossierFile?> FindAsync(IDossiersStore documents, Guid dossierId, Guid fileId, Func<Dossier, bool> visible, CancellationToken cancellationToken)
    {
        await using var session = documents.QuerySession();
        var batch = session.CreateBatchQuery();
        var dossier = batch.Load<Dossier>(dossierId);
        var file = batch.Load<DossierFile>(fileId);
        await batch.Execute(cancellationToken);
        return await dossier is { } found && visible(found) && await file is { } stored && stored.DossierId == dossierId ? stored : null;
    }

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
