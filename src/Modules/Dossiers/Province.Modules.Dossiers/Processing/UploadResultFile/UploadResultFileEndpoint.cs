using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Security;
using UploadedFileResponse = Province.Modules.Dossiers.Submission.UploadDocument.UploadedFileResponse;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Submission;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Submission.UploadDocument;

namespace Province.Modules.Dossiers.Processing.UploadResultFile;

internal static class UploadResultFileEndpoint
{
    public static void MapUploadResultFile(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/{id:guid}/result-files", async Task<Results<Created<UploadedFileResponse>, ProblemHttpResult>> (
                Guid id, IFormFile file, ClaimsPrincipal user, IDossiersStore documents, IFileStore store,
                IOptions<DossiersSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var agencyId = user.GetAgencyId();
                var administrator = user.IsAdministrator();
                await using var session = documents.LightweightSession();
                var dossier = await session.LoadAsync<Dossier>(id, cancellationToken);
                if (dossier is null || !(administrator || dossier.AgencyId == agencyId))
                {
                    return ReceiptEndpoints.NotFound();
                }

                if (dossier.Status != DossierStatus.Processing)
                {
                    return Problems.Conflict("dossier.illegal_transition",
                        $"Chỉ tải kết quả lên khi hồ sơ đang xử lý; hồ sơ đang ở trạng thái \"{dossier.Status.Text()}\".");
                }

                var content = await UploadedFileCheck.ReadAsync(file, settings.Value.MaxUploadBytes, cancellationToken);
                if (content.Problem is { } problem)
                {
                    return problem;
                }

                var stored = new DossierFile
                {
                    DossierId = dossier.Id,
                    StaffId = user.GetStaffId(),
                    Purpose = DossierFilePurpose.Result,
                    FileName = UploadedFiles.SafeName(file.FileName),
                    ContentType = content.ContentType!,
                    Size = content.Bytes.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Bytes.Span)),
                    StorageKey = await store.SaveAsync("dossiers", content.Bytes, cancellationToken),
                    UploadedAt = clock.GetUtcNow().ToUniversalTime(),
                };
                session.Insert(stored);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/staff/dossiers/{dossier.Id}/files/{stored.Id}", UploadedFileResponse.From(stored));
            })
            .WithName("UploadDossierResultFile")
            .WithSummary("Cán bộ tải lên giấy tờ kết quả (ảnh hoặc PDF) của hồ sơ đang xử lý.")
            .DisableAntiforgery()
            .WithUploadLimit(staff.ServiceProvider.GetRequiredService<IOptions<DossiersSettings>>().Value.MaxUploadBytes)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(ProvincePolicies.Staff);
}
