using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.NationalPortal;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Submission.SubmitDossier;

internal sealed record SubmitDossierCommand(Guid CitizenId, SubmitDossierRequest Request, IdempotentRequest Idempotency) : IRequest<IResult>;

/// <summary>
/// Creates the dossier, its code, its attached files, its first history entry, the DossierSubmitted
/// event, the portal sync call and the idempotency record in one transaction: a retry finds the
/// record and gets the same receipt, a crash leaves nothing half-made.
/// </summary>
internal sealed class SubmitDossierHandler(
    DossiersDbContext db,
    IMediator mediator,
    DeadlinePolicy deadlines,
    PortalSync portalSync,
    ReceiptBuilder receipts,
    IServiceScopeFactory scopes,
    TimeProvider clock) : IRequestHandler<SubmitDossierCommand, IResult>
{
    public async Task<IResult> Handle(SubmitDossierCommand command, CancellationToken cancellationToken)
    {
        if (await command.Idempotency.FindEarlierAnswerAsync(db, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var request = command.Request;
        var procedure = await db.Procedures.AsNoTracking().SingleOrDefaultAsync(p => p.Code == request.ProcedureCode, cancellationToken);
        if (procedure is null)
        {
            return Problems.NotFound("dossier.procedure_not_found", $"Không có thủ tục mã {request.ProcedureCode} trong danh mục.");
        }

        if (CheckDocuments(procedure, request.Documents) is { } missing)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["documents"] = [missing] });
        }

        var fileIds = request.Documents.SelectMany(d => d.FileIds).ToList();
        var files = await db.Files.Where(f => fileIds.Contains(f.Id) && f.CitizenId == command.CitizenId && f.DossierId == null)
            .ToListAsync(cancellationToken);
        if (files.Count != fileIds.Distinct().Count() || fileIds.Count != fileIds.Distinct().Count())
        {
            return Problems.BusinessRule("dossier.file_unavailable",
                "Có tệp không tồn tại, không phải của bạn, bị chọn hai lần hoặc đã nộp kèm hồ sơ khác. Vui lòng tải tệp lên lại.");
        }

        var agency = await mediator.Send(new GetAgency(procedure.AgencyId), cancellationToken);
        if (agency is null)
        {
            return Problems.BusinessRule("dossier.agency_unknown", "Thủ tục chưa được gắn với cơ quan thực hiện. Vui lòng liên hệ bộ phận một cửa.");
        }

        var now = clock.GetUtcNow();
        var today = deadlines.Today;
        // The number is taken before the submission's transaction opens, so a request never waits for a
        // second pooled connection while holding one (ADR 7).
        var code = await DossierCodes.NextAsync(db, scopes, agency.Code, today, cancellationToken);
        return await command.Idempotency.CreateOnceAsync(db, async () =>
        {
            var dossier = new Dossier
            {
                Code = code,
                ProcedureId = procedure.Id,
                ProcedureCode = procedure.Code,
                ProcedureName = procedure.Name,
                Field = procedure.Field,
                AgencyId = agency.Id,
                AgencyCode = agency.Code,
                AgencyName = agency.Name,
                ProcessingWorkingDays = procedure.ProcessingWorkingDays,
                CitizenId = command.CitizenId,
                Applicant = new Applicant
                {
                    FullName = request.Applicant.FullName.Trim(),
                    DateOfBirth = request.Applicant.DateOfBirth,
                    CitizenIdNumber = Clean(request.Applicant.CitizenIdNumber),
                    PhoneNumber = Clean(request.Applicant.PhoneNumber),
                    Email = Clean(request.Applicant.Email),
                    Address = Clean(request.Applicant.Address),
                },
                Summary = Clean(request.Summary),
                Delivery = request.Delivery.Method == "publicPostal" ? ResultDelivery.PublicPostal : ResultDelivery.AtOffice,
                DeliveryAddress = request.Delivery.Method == "publicPostal" ? Clean(request.Delivery.Address) : null,
                SubmittedAt = now,
                UpdatedAt = now,
                DueDate = deadlines.Calendar.AddWorkingDays(today, procedure.ProcessingWorkingDays),
            };
            db.Dossiers.Add(dossier);
            foreach (var document in request.Documents)
            {
                foreach (var file in files.Where(f => document.FileIds.Contains(f.Id)))
                {
                    file.DossierId = dossier.Id;
                    file.Purpose = DossierFilePurpose.Application;
                    file.RequiredDocumentKey = document.DocumentKey;
                    dossier.Files.Add(file);
                }
            }

            db.History.Add(new DossierHistoryEntry
            {
                DossierId = dossier.Id,
                At = now,
                Actor = HistoryActor.Citizen,
                ActorId = command.CitizenId,
                ActorName = "Công dân",
                ToStatus = DossierStatus.New,
                Description = $"Hồ sơ đã được nộp trực tuyến và chờ {agency.Name} tiếp nhận.",
            });
            db.AddIntegrationEvent(new DossierSubmitted(
                Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.CitizenId, dossier.AgencyId, procedure.Code, procedure.Name, dossier.DueDate));
            portalSync.QueueNew(dossier);

            var receipt = receipts.Build(dossier, procedure);
            var location = $"/api/dossiers/{dossier.Id}";
            command.Idempotency.Remember(db, StatusCodes.Status201Created, location, receipt, now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created(location, receipt);
        }, explainConflict: null, cancellationToken);
    }

    /// <summary>Null when every mandatory document has files and every key is the procedure's; else what is wrong.</summary>
    private static string? CheckDocuments(Procedure procedure, IReadOnlyList<SubmittedDocument> documents)
    {
        var keys = procedure.RequiredDocuments.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = documents.Select(d => d.DocumentKey).Where(k => !keys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            return $"Thủ tục này không có giấy tờ mã {string.Join(", ", unknown)}.";
        }

        var missing = procedure.RequiredDocuments
            .Where(d => d.Mandatory && !documents.Any(s => s.DocumentKey == d.Key && s.FileIds.Count > 0))
            .Select(d => d.Name)
            .ToList();
        return missing.Count > 0 ? $"Còn thiếu giấy tờ bắt buộc: {string.Join("; ", missing)}." : null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
