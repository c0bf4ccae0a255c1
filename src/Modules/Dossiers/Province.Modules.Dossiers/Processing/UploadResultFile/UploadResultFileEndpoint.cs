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
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Submission;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing.UploadResultFile;

internal static class UploadResultFileEndpoint
{
    public static void MapUploadResultFile(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/{id:guid}/result-files", async Task<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>> (
                Guid id, IFormFileCollection form, ClaimsPrincipal user, IDossiersStore documents, IFileStore store,
                IOptions<DossiersSettings> settings, TimeProvider clock, SignedLinks links, CancellationToken cancellationToken) =>
            {
                var (parts, invalid) = UploadedFiles.Parts(form);
                if (invalid is not null)
                {
                    return invalid;
                }

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

                // Every file judged before any is kept: one refused file refuses the request.
                var checkedFiles = new List<(IFormFile Part, CheckedUpload Content)>();
                foreach (var part in parts)
                {
                    var content = await UploadedFileCheck.ReadAsync(part, settings.Value.MaxUploadBytes, cancellationToken);
                    if (content.Problem is { } problem)
                    {
                        return problem;
                    }

                    checkedFiles.Add((part, content));
                }

                var stored = new List<DossierFile>();
                foreach (var (part, content) in checkedFiles)
                {
                    var file = new DossierFile
                    {
                        DossierId = dossier.Id,
                        StaffId = user.GetStaffId(),
                        Purpose = DossierFilePurpose.Result,
                        FileName = UploadedFiles.SafeName(part.FileName),
                        ContentType = content.ContentType!,
                        Size = content.Bytes.Length,
                        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Bytes.Span)),
                        StorageKey = await store.SaveAsync("dossiers", content.Bytes, cancellationToken),
                        UploadedAt = clock.GetUtcNow().ToUniversalTime(),
                    };
                    session.Insert(file);
                    stored.Add(file);
                }

                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/staff/dossiers/{dossier.Id}",
                    new UploadedFilesResponse([.. stored.Select(f => new UploadedFileResponse(f.Id, f.FileName, f.ContentType, f.Size, links.Create(FileLinks.ContentPath(dossier.Id, f.Id))))]));
            })
            .WithName("UploadDossierResultFile")
            .WithSummary("Cán bộ tải lên giấy tờ kết quả (ảnh hoặc PDF) của hồ sơ đang xử lý: một hoặc nhiều phần tên files (hoặc một phần tên file).")
            .DisableAntiforgery()
            .WithRequestBodyLimit(UploadedFiles.RequestLimit(staff.ServiceProvider.GetRequiredService<IOptions<DossiersSettings>>().Value.MaxUploadBytes))
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(ProvincePolicies.Staff);
}
