namespace Province.Modules.Dossiers.Data;

/// <summary>
/// What every step of a dossier's life records, for the legal audit and the history the citizen reads:
/// who acted (kind, id, name), when, from which status to which, the sentence shown to the citizen, the
/// actor's own words (reason, what is missing...), and where the legal clock stands after the step. The
/// due date and pause date are carried, not recomputed on replay, so a later change of the holiday
/// calendar never rewrites a past promise.
/// </summary>
internal sealed record StepFacts(
    DateTimeOffset At,
    HistoryActor Actor,
    Guid? ActorId,
    string ActorName,
    DossierStatus? FromStatus,
    DossierStatus ToStatus,
    string Description,
    string? Note,
    DateOnly DueDate,
    DateOnly? PausedOn);

/// <summary>An event of a dossier's stream: one step of the workflow.</summary>
internal interface IDossierStep
{
    StepFacts Step { get; }
}

/// <summary>A file attached by a step (submission or supplement), as it was attached.</summary>
internal sealed record AttachedFile(Guid FileId, string DocumentKey, string FileName);

/// <summary>
/// The first event of every dossier stream: the submission, with everything the dossier was filed with. Named when every
/// dossier came online; <see cref="Channel"/> says <see cref="DossierChannel.Counter"/> when an officer typed it in at the
/// one-stop counter (then <see cref="StepFacts.Actor"/> is the officer, by name, and <see cref="CitizenId"/> is empty).
/// <see cref="ReceivingAgencyId"/>: the one-stop office it was handed in at, when not the competent agency's (a procedure
/// not bound to the administrative boundary, Decree 118/2025/NĐ-CP); <see cref="DossierTransferred"/> follows at once.
/// </summary>
internal sealed record DossierSubmittedOnline(
    StepFacts Step,
    string Code,
    Guid ProcedureId,
    string ProcedureCode,
    string ProcedureName,
    string Field,
    Guid AgencyId,
    string AgencyCode,
    string AgencyName,
    int ProcessingWorkingDays,
    Guid CitizenId,
    Applicant Applicant,
    string? Summary,
    ResultDelivery Delivery,
    string? DeliveryAddress,
    IReadOnlyList<AttachedFile> Files,
    Guid? ReceivingAgencyId = null,
    string? ReceivingAgencyName = null,
    string? LookupSecret = null,
    DossierChannel Channel = DossierChannel.Online) : IDossierStep;

/// <summary>
/// The receiving one-stop office passed the dossier on to the competent agency (Decree 118/2025/NĐ-CP: a procedure not
/// bound to the administrative boundary may be handed in at any one-stop office of the province).
/// </summary>
internal sealed record DossierTransferred(
    StepFacts Step,
    Guid FromAgencyId,
    string FromAgencyName,
    Guid ToAgencyId,
    string ToAgencyCode,
    string ToAgencyName) : IDossierStep;

/// <summary>Tiếp nhận: the legal time starts; <see cref="StepFacts.DueDate"/> is the new return date.</summary>
internal sealed record DossierAccepted(StepFacts Step) : IDossierStep;

/// <summary>Không tiếp nhận, with the reason in <see cref="StepFacts.Note"/>.</summary>
internal sealed record DossierRefused(StepFacts Step) : IDossierStep;

/// <summary>Phân công: the officer handling the dossier from now on.</summary>
internal sealed record DossierAssigned(StepFacts Step, Guid OfficerId, string OfficerName) : IDossierStep;

/// <summary>The agency asks the citizen for more documents; the clock pauses.</summary>
internal sealed record SupplementRequested(StepFacts Step, string Request) : IDossierStep;

/// <summary>The citizen brought the supplement; the clock runs again, moved by the working days paused.</summary>
internal sealed record SupplementSubmitted(StepFacts Step, IReadOnlyList<AttachedFile> Files) : IDossierStep;

/// <summary>Nghĩa vụ tài chính: fees the citizen must pay; the clock pauses.</summary>
internal sealed record FeeRequested(StepFacts Step, long Amount, string Description) : IDossierStep;

/// <summary>The fees were paid; the clock runs again.</summary>
internal sealed record FeePaid(StepFacts Step) : IDossierStep;

/// <summary>Processing finished: the result is ready.</summary>
internal sealed record DossierCompleted(StepFacts Step, string? ResultNote) : IDossierStep;

/// <summary>The result reached the citizen (at the counter or by post).</summary>
internal sealed record ResultReturned(StepFacts Step) : IDossierStep;

/// <summary>Dừng xử lý, with the reason.</summary>
internal sealed record DossierStopped(StepFacts Step) : IDossierStep;

/// <summary>The citizen withdrew the dossier, with the reason.</summary>
internal sealed record DossierWithdrawn(StepFacts Step) : IDossierStep;

/// <summary>Gia hạn: the return date moved by <paramref name="WorkingDays"/>, with the reason.</summary>
internal sealed record DeadlineExtended(StepFacts Step, int WorkingDays) : IDossierStep;

/// <summary>Phiếu xin lỗi và hẹn lại ngày trả: the letter the citizen receives and the new date.</summary>
internal sealed record ApologyLetterIssued(StepFacts Step, ApologyLetter Letter) : IDossierStep;

/// <summary>
/// A call owed to the national portal (<c>DongBoHoSoMC</c> or <c>CapNhatTienDoHoSoMC</c>), stored in the
/// same SaveChanges as the change it reports, in a stream of its own (keyed by the call's id) so that the
/// dossier's stream stays the workflow's steps alone. <see cref="NationalPortal.PortalSyncSubscription"/>
/// sends these in sequence order.
/// </summary>
internal sealed record PortalCallQueued(Guid CallId, Guid DossierId, string Service, string Payload, DateTimeOffset QueuedAt);
