using System.Security.Claims;
using System.Security.Cryptography;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Submission.UploadDocument;

internal static class UploadDocumentEndpoint
{
    public static void MapUploadDocument(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/uploads", async Task<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>> (
                IFormFileCollection form, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await UploadAsync(form, new UploadOwner(user.GetCitizenId(), null), mediator, cancellationToken))
            .WithName("UploadDossierDocument")
            .WithSummary("Tải lên ảnh (JPEG, PNG, WebP) hoặc PDF giấy tờ trước khi nộp hồ sơ: một hoặc nhiều phần tên files (hoặc một phần tên file); tải lại cùng tệp trả về tệp đã có.")
            .AsUpload(citizens)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(ProvincePolicies.Citizen);

    /// <summary>The officer at the one-stop counter scans the papers a walk-in citizen brought, before receiving the dossier.</summary>
    public static void MapStaffUploadDocument(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/uploads", async Task<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>> (
                IFormFileCollection form, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                await UploadAsync(form, new UploadOwner(null, user.GetStaffId()), mediator, cancellationToken))
            .WithName("UploadCounterDossierDocument")
            .WithSummary("Cán bộ một cửa tải lên bản chụp giấy tờ công dân nộp trực tiếp (ảnh JPEG, PNG, WebP hoặc PDF) trước khi tiếp nhận hồ sơ tại quầy: " +
                "một hoặc nhiều phần tên files (hoặc một phần tên file).")
            .AsUpload(staff)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(ProvincePolicies.Staff);

    private static async Task<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        IFormFileCollection form, UploadOwner owner, IMediator mediator, CancellationToken cancellationToken)
    {
        var (files, invalid) = UploadedFiles.Parts(form);
        if (invalid is not null)
        {
            return invalid;
        }

        return await mediator.Send(new UploadDocumentCommand(owner, files, DossierFilePurpose.Application), cancellationToken);
    }

    private static RouteHandlerBuilder AsUpload(this RouteHandlerBuilder endpoint, IEndpointRouteBuilder group) => endpoint
        .DisableAntiforgery()
        .WithRequestBodyLimit(UploadedFiles.RequestLimit(group.ServiceProvider.GetRequiredService<IOptions<DossiersSettings>>().Value.MaxUploadBytes))
        .Accepts<IFormFileCollection>("multipart/form-data")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>Whose pending uploads these are: a citizen's (submitted online) or an officer's (received at the counter).</summary>
internal sealed record UploadOwner(Guid? CitizenId, Guid? StaffId)
{
    /// <summary>Whether <paramref name="file"/> is one of this owner's uploads not yet attached to a dossier.</summary>
    public bool OwnsPending(DossierFile file) =>
        file.DossierId == null && (CitizenId is { } citizenId ? file.CitizenId == citizenId : file.CitizenId == null && file.StaffId == StaffId);
}

internal sealed record UploadDocumentCommand(UploadOwner Owner, IReadOnlyList<IFormFile> Files, DossierFilePurpose Purpose)
    : IRequest<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>>;

/// <summary>
/// Reads every file of the request (capped), judges each by its bytes, then records them all in one SaveChanges (one
/// refused file refuses the request: nothing is half saved) as the citizen's (or the counter officer's), not yet attached. The same bytes uploaded
/// again (a retry) return the first upload. A citizen (or officer) holds at most <c>Dossiers:PendingUploads</c> files and bytes not yet
/// submitted (429 beyond); the cleanup deletes them after its retention.
/// </summary>
internal sealed class UploadDocumentHandler(IDossiersStore store, IFileStore files, IOptions<DossiersSettings> settings, TimeProvider clock, SignedLinks links)
    : IRequestHandler<UploadDocumentCommand, Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>>
{
    public async Task<Results<Created<UploadedFilesResponse>, ValidationProblem, ProblemHttpResult>> Handle(UploadDocumentCommand request, CancellationToken cancellationToken)
    {
        var checkedFiles = new List<(IFormFile Part, CheckedUpload Content, string Sha256)>();
        foreach (var part in request.Files)
        {
            var content = await UploadedFileCheck.ReadAsync(part, settings.Value.MaxUploadBytes, cancellationToken);
            if (content.Problem is { } problem)
            {
                return problem;
            }

            checkedFiles.Add((part, content, Convert.ToHexStringLower(SHA256.HashData(content.Bytes.Span))));
        }

        await using var session = store.LightweightSession();
        var unattached = session.Query<DossierFile>().Where(f => f.DossierId == null);
        var pending = await (request.Owner.CitizenId is { } citizenId
            ? unattached.Where(f => f.CitizenId == citizenId)
            : unattached.Where(f => f.StaffId == request.Owner.StaffId && f.CitizenId == null)).ToListAsync(cancellationToken);
        var answered = new List<DossierFile>();
        var sizes = pending.Select(f => f.Size).ToList();
        foreach (var (part, content, sha256) in checkedFiles)
        {
            if (pending.Concat(answered).FirstOrDefault(f => f.Sha256 == sha256) is { } earlier)
            {
                answered.Add(earlier);
                continue;
            }

            if (PendingUploads.CheckQuota(sizes, content.Bytes.Length, settings.Value.PendingUploads) is { } overQuota)
            {
                return overQuota;
            }

            var stored = new DossierFile
            {
                CitizenId = request.Owner.CitizenId,
                StaffId = request.Owner.StaffId,
                Purpose = request.Purpose,
                FileName = UploadedFiles.SafeName(part.FileName),
                ContentType = content.ContentType!,
                Size = content.Bytes.Length,
                Sha256 = sha256,
                StorageKey = await files.SaveAsync("dossiers", content.Bytes, cancellationToken),
                UploadedAt = clock.GetUtcNow().ToUniversalTime(),
            };
            session.Insert(stored);
            answered.Add(stored);
            sizes.Add(stored.Size);
        }

        await session.SaveChangesAsync(cancellationToken);
        var items = answered.Distinct().Select(f => Response(f)).ToList();
        return TypedResults.Created(items.Count == 1 ? $"/api/dossiers/uploads/{items[0].Id}" : "/api/dossiers/uploads", new UploadedFilesResponse(items));
    }

    /// <summary>
    /// A pending upload's link opens it for the citizen's preview before submission: the same signed content path with an
    /// empty dossier id until it is attached.
    /// </summary>
    private UploadedFileResponse Response(DossierFile f) =>
        new(f.Id, f.FileName, f.ContentType, f.Size, links.Create(FileLinks.ContentPath(f.DossierId ?? Guid.Empty, f.Id)));
}
