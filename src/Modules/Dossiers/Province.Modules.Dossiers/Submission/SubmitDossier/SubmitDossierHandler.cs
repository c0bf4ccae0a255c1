using Marten;
using MediatR;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.NationalPortal;
using Province.Modules.Dossiers.Processing.OfficerQueue;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Submission.SubmitDossier;

internal sealed record SubmitDossierCommand(DossierSubmitter Submitter, SubmitDossierRequest Request, IdempotentRequest Idempotency) : IRequest<IResult>;

/// <summary>
/// Who files the dossier: the citizen online, or an officer receiving it at the one-stop counter of their agency (then the
/// files are the officer's uploads, the receiving office is the officer's agency and the dossier has no citizen account).
/// </summary>
internal sealed record DossierSubmitter(Guid CitizenId, Guid? StaffId, string? StaffName, Guid? CounterAgencyId)
{
    public static DossierSubmitter Citizen(Guid citizenId) => new(citizenId, null, null, null);

    public static DossierSubmitter Officer(Guid staffId, string staffName, Guid agencyId) => new(Guid.Empty, staffId, staffName, agencyId);

    public bool AtCounter => StaffId is not null;

    public UploadDocument.UploadOwner Uploads => AtCounter ? new(null, StaffId) : new(CitizenId, null);
}

/// <summary>
/// Starts the dossier's stream with its submission (the first event, carrying everything it was filed
/// with), attaches its files, and stages the DossierSubmitted integration event, the portal sync call
/// and the idempotency record on the same session: one SaveChanges, so a retry finds the record and
/// gets the same receipt, and a crash leaves nothing half-made.
/// </summary>
internal sealed class SubmitDossierHandler(
    IDossiersStore store,
    IMediator mediator,
    DeadlinePolicy deadlines,
    PortalSync portalSync,
    ReceiptBuilder receipts,
    LiveChanges live,
    TimeProvider clock) : IRequestHandler<SubmitDossierCommand, IResult>
{
    public async Task<IResult> Handle(SubmitDossierCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var fileIds = request.Documents.SelectMany(d => d.FileIds).ToList();
        await using var session = store.LightweightSession();
        // The submission's reads in one round trip (a batch query): an earlier answer to this key, the procedure and the
        // files named (issue 17: three round trips before).
        var batch = session.CreateBatchQuery();
        var earlierRecord = command.Idempotency.FindEarlierRecord(batch);
        var procedureRead = batch.Query<Procedure>().FirstOrDefault(p => p.Code == request.ProcedureCode);
        var filesRead = batch.LoadMany<DossierFile>().ById([.. fileIds.Distinct()]);
        await batch.Execute(cancellationToken);
        if (command.Idempotency.AnswerFrom(await earlierRecord) is { } earlier)
        {
            return earlier;
        }

        var procedure = await procedureRead;
        if (procedure is null)
        {
            return Problems.NotFound("dossier.procedure_not_found", $"Không có thủ tục mã {request.ProcedureCode} trong danh mục.");
        }

        if (CheckDocuments(procedure, request.Documents) is { } missing)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["documents"] = [missing] });
        }

        var files = (await filesRead)
            .Where(command.Submitter.Uploads.OwnsPending)
            .ToList();
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

        // At the counter the officer's own agency receives the dossier; online the citizen may name a one-stop office.
        var submitter = command.Submitter;
        AgencyInfo? receiving = null;
        if ((submitter.AtCounter ? submitter.CounterAgencyId : request.ReceivingAgencyId) is { } receivingId && receivingId != agency.Id)
        {
            receiving = await mediator.Send(new GetAgency(receivingId), cancellationToken);
            if (receiving is null || receiving.Level is not ("commune" or "serviceCentre"))
            {
                return Problems.BusinessRule("dossier.receiving_office_unknown",
                    "Nơi nộp hồ sơ phải là Bộ phận Một cửa của Ủy ban nhân dân xã, phường, đặc khu hoặc Trung tâm Phục vụ hành chính công của tỉnh.");
            }

            if (!procedure.NotBoundToBoundary)
            {
                return Problems.BusinessRule("dossier.bound_to_boundary",
                    $"Thủ tục này phụ thuộc địa giới hành chính: hồ sơ nộp tại Bộ phận Một cửa của {agency.Name}.");
            }
        }

        var address = Clean(request.Applicant.Address);
        var commune = address is null ? null : (await mediator.Send(new ResolveAdministrativeUnit(address), cancellationToken)).Unit?.Name;
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = deadlines.Today;
        // The number is taken in a statement of its own before the submission is saved, so the counter row is
        // locked for one statement, not for the whole submission (ADR 7).
        // The receiving office issues the receipt, so the code is its own.
        var code = await DossierCodes.NextAsync(store, (receiving ?? agency).Code, today, cancellationToken);
        Guid? queuedFor = null;
        var answer = await command.Idempotency.CreateOnceAsync(session, () =>
        {
            var id = Guid.CreateVersion7();
            var attached = new List<AttachedFile>();
            foreach (var document in request.Documents)
            {
                foreach (var file in files.Where(f => document.FileIds.Contains(f.Id)))
                {
                    file.DossierId = id;
                    file.Purpose = DossierFilePurpose.Application;
                    file.RequiredDocumentKey = document.DocumentKey;
                    session.Store(file);
                    attached.Add(new AttachedFile(file.Id, document.DocumentKey, file.FileName));
                }
            }

            var dueDate = deadlines.Calendar.AddWorkingDays(today, procedure.ProcessingWorkingDays);
            var submitted = new DossierSubmittedOnline(
                submitter.AtCounter
                    ? new StepFacts(now, HistoryActor.Officer, submitter.StaffId, submitter.StaffName!, null, DossierStatus.New,
                        $"Hồ sơ được nộp trực tiếp tại Bộ phận Một cửa của {(receiving ?? agency).Name}; cán bộ {submitter.StaffName} nhập hồ sơ.", null, dueDate, null)
                    : new StepFacts(now, HistoryActor.Citizen, submitter.CitizenId, "Công dân", null, DossierStatus.New,
                        receiving is null
                            ? $"Hồ sơ đã được nộp trực tuyến và chờ {agency.Name} tiếp nhận."
                            : $"Hồ sơ đã được nộp tại Bộ phận Một cửa của {receiving.Name}.", null, dueDate, null),
                code,
                procedure.Id,
                procedure.Code,
                procedure.Name,
                procedure.Field,
                (receiving ?? agency).Id,
                (receiving ?? agency).Code,
                (receiving ?? agency).Name,
                procedure.ProcessingWorkingDays,
                submitter.CitizenId,
                new Applicant
                {
                    FullName = request.Applicant.FullName.Trim(),
                    DateOfBirth = request.Applicant.DateOfBirth,
                    CitizenIdNumber = Clean(request.Applicant.CitizenIdNumber),
                    PhoneNumber = Clean(request.Applicant.PhoneNumber),
                    Email = Clean(request.Applicant.Email),
                    Address = address,
                    Commune = commune,
                },
                Clean(request.Summary),
                request.Delivery.Method == "publicPostal" ? ResultDelivery.PublicPostal : ResultDelivery.AtOffice,
                request.Delivery.Method == "publicPostal" ? Clean(request.Delivery.Address) : null,
                attached,
                receiving?.Id,
                receiving?.Name,
                Tracking.LookupDossier.DossierLookupSecret.New(),
                submitter.AtCounter ? DossierChannel.Counter : DossierChannel.Online);
            var dossier = Dossier.Start(id, submitted);
            if (receiving is null)
            {
                session.Events.StartStream<Dossier>(id, submitted);
            }
            else
            {
                var transferred = new DossierTransferred(
                    new StepFacts(now, HistoryActor.System, receiving.Id, receiving.Name, DossierStatus.New, DossierStatus.New,
                        $"{receiving.Name} đã chuyển hồ sơ đến {agency.Name}, cơ quan có thẩm quyền giải quyết (thủ tục không phụ thuộc địa giới hành chính).",
                        null, dueDate, null),
                    receiving.Id, receiving.Name, agency.Id, agency.Code, agency.Name);
                session.Events.StartStream<Dossier>(id, submitted, transferred);
                dossier = dossier.After(transferred);
            }


            session.PublishIntegrationEvent(new DossierSubmitted(
                Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.CitizenId, dossier.AgencyId, procedure.Code, procedure.Name, dossier.DueDate));
            portalSync.QueueNew(session, dossier, files);

            var receipt = receipts.Build(dossier, procedure, files);
            var location = submitter.AtCounter ? $"/api/staff/dossiers/{dossier.Id}" : $"/api/dossiers/{dossier.Id}";
            command.Idempotency.Remember(session, StatusCodes.Status201Created, location, receipt, now);
            queuedFor = dossier.AgencyId;
            return Task.FromResult<IResult>(TypedResults.Created(location, receipt));
        }, explainConflict: null, cancellationToken);

        // Committed: the agency's open queues (on every host) show their "new dossier" banner.
        if (queuedFor is { } agencyId && answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created })
        {
            live.Publish(QueueStream.Topic, agencyId.ToString());
        }

        return answer;
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
