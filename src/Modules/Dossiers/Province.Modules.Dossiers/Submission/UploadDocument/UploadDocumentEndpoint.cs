using System.Security.Claims;
using System.Security.Cryptography;
using MediatR;
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

namespace Province.Modules.Dossiers.Submission.UploadDocument;

internal static class UploadDocumentEndpoint
{
    public static void MapUploadDocument(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/uploads", async Task<Results<Created<UploadedFileResponse>, Ok<UploadedFileResponse>, ProblemHttpResult>> (
                IFormFile file, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new UploadDocumentCommand(user.GetCitizenId(), file, DossierFilePurpose.Application), cancellationToken))
            .WithName("UploadDossierDocument")
            .WithSummary("Tải lên một ảnh (JPEG, PNG, WebP) hoặc PDF giấy tờ, trước khi nộp hồ sơ; tải lại cùng tệp trả về tệp đã có.")
            .DisableAntiforgery()
            .WithUploadLimit(citizens.ServiceProvider.GetRequiredService<IOptions<DossiersSettings>>().Value.MaxUploadBytes)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(ProvincePolicies.Citizen);
}

internal sealed record UploadDocumentCommand(Guid CitizenId, IFormFile File, DossierFilePurpose Purpose)
    : IRequest<Results<Created<UploadedFileResponse>, Ok<UploadedFileResponse>, ProblemHttpResult>>;

internal sealed record UploadedFileResponse(Guid Id, string FileName, string ContentType, long Size)
{
    public static UploadedFileResponse From(DossierFile file) => new(file.Id, file.FileName, file.ContentType, file.Size);
}

/// <summary>
/// Reads the upload (capped), judges it by its bytes, stores it under a random key and records it
/// as the citizen's, not yet attached. The same bytes uploaded again (a retry) return the first upload. A citizen
/// holds at most <c>Dossiers:PendingUploads</c> files and bytes not yet submitted (429 beyond); the cleanup deletes
/// them after its retention.
/// </summary>
internal sealed class UploadDocumentHandler(IDossiersStore store, IFileStore files, IOptions<DossiersSettings> settings, TimeProvider clock)
    : IRequestHandler<UploadDocumentCommand, Results<Created<UploadedFileResponse>, Ok<UploadedFileResponse>, ProblemHttpResult>>
{
    public async Task<Results<Created<UploadedFileResponse>, Ok<UploadedFileResponse>, ProblemHttpResult>> Handle(UploadDocumentCommand request, CancellationToken cancellationToken)
    {
        var content = await UploadedFileCheck.ReadAsync(request.File, settings.Value.MaxUploadBytes, cancellationToken);
        if (content.Problem is { } problem)
        {
            return problem;
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Bytes.Span));
        await using var session = store.LightweightSession();
        var earlier = await session.Query<DossierFile>().FirstOrDefaultAsync(
            f => f.CitizenId == request.CitizenId && f.Sha256 == sha256 && f.DossierId == null, cancellationToken);
        if (earlier is not null)
        {
            return TypedResults.Ok(UploadedFileResponse.From(earlier));
        }

        var pending = await session.Query<DossierFile>().Where(f => f.CitizenId == request.CitizenId && f.DossierId == null)
            .Select(f => f.Size).ToListAsync(cancellationToken);
        if (PendingUploads.CheckQuota(pending, content.Bytes.Length, settings.Value.PendingUploads) is { } overQuota)
        {
            return overQuota;
        }

        var stored = new DossierFile
        {
            CitizenId = request.CitizenId,
            Purpose = request.Purpose,
            FileName = UploadedFiles.SafeName(request.File.FileName),
            ContentType = content.ContentType!,
            Size = content.Bytes.Length,
            Sha256 = sha256,
            StorageKey = await files.SaveAsync("dossiers", content.Bytes, cancellationToken),
            UploadedAt = clock.GetUtcNow().ToUniversalTime(),
        };
        session.Insert(stored);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/dossiers/uploads/{stored.Id}", UploadedFileResponse.From(stored));
    }
}
