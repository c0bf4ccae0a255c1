using JasperFx.Events;

namespace Province.Modules.Dossiers.Data;

internal enum ResultDelivery
{
    /// <summary>The citizen collects the result at the one-stop office.</summary>
    AtOffice,

    /// <summary>Bưu chính công ích: the result is posted to <see cref="Dossier.DeliveryAddress"/>.</summary>
    PublicPostal,
}

/// <summary>How a dossier reached the agency.</summary>
internal enum DossierChannel
{
    /// <summary>Submitted by the citizen through the mini app or the portal (every dossier stored before the channel was recorded).</summary>
    Online,

    /// <summary>Handed in on paper at a one-stop counter and typed in by the officer there (tiếp nhận trực tiếp).</summary>
    Counter,
}

/// <summary>
/// One application for a procedure (hồ sơ), from submission to the returned result: the current state of
/// the dossier's event stream, kept by Marten as an inline snapshot (written in the same SaveChanges as
/// the step, so a read right after a write sees it). The steps themselves are the stream's events
/// (<see cref="IDossierStep"/>); files are <see cref="DossierFile"/> documents.
/// </summary>
internal sealed class Dossier
{
    public Guid Id { get; set; }

    /// <summary><c>&lt;code of the receiving agency&gt;-YYMMDD-XXXX</c> (see docs/decisions.md on the dossier code under Decree 118/2025).</summary>
    public required string Code { get; init; }

    public Guid ProcedureId { get; init; }

    public required string ProcedureCode { get; init; }

    public required string ProcedureName { get; init; }

    public required string Field { get; init; }

    /// <summary>The competent agency (whose queue the dossier is in).</summary>
    public Guid AgencyId { get; set; }

    public required string AgencyCode { get; set; }

    public required string AgencyName { get; set; }

    /// <summary>The one-stop office the dossier was handed in at, when it is not the competent agency's (then it was transferred).</summary>
    public Guid? ReceivingAgencyId { get; init; }

    public string? ReceivingAgencyName { get; init; }

    /// <summary>Online or at the counter; a stored dossier without the field reads as <see cref="DossierChannel.Online"/> (the default).</summary>
    public DossierChannel Channel { get; init; }

    /// <summary>The procedure's legal processing time, copied at submission: later catalog edits do not move this dossier.</summary>
    public int ProcessingWorkingDays { get; init; }

    /// <summary>The citizen's account; <see cref="Guid.Empty"/> for a dossier received at the counter for someone without one.</summary>
    public Guid CitizenId { get; init; }

    public required Applicant Applicant { get; init; }

    /// <summary>Trích yếu: what the dossier asks for, in the citizen's words.</summary>
    public string? Summary { get; init; }

    public ResultDelivery Delivery { get; init; }

    public string? DeliveryAddress { get; init; }

    /// <summary>
    /// The second factor of the public lookup, printed on the receipt and in its QR code: codes are sequential per
    /// agency and day, so a code alone would let anyone count through every dossier. Null for dossiers submitted
    /// before it existed: those are tracked signed in only.
    /// </summary>
    public string? LookupSecret { get; init; }

    public DossierStatus Status { get; set; } = DossierStatus.New;

    /// <summary>
    /// What the staff queue's <c>q</c> matches, folded (no diacritics, lower case): the code, the applicant's name, phone
    /// and CCCD, written once at submission (the applicant is never edited afterwards).
    /// </summary>
    public string? SearchText { get; set; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Ngày hẹn trả (a date in Vietnam): moved by acceptance, pauses, extensions and apologies.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>The Vietnam date the clock was paused (waiting for the citizen), null while it runs.</summary>
    public DateOnly? PausedOn { get; set; }

    public Guid? AssignedOfficerId { get; set; }

    public string? AssignedOfficerName { get; set; }

    /// <summary>Fees the citizen must pay (nghĩa vụ tài chính), when requested.</summary>
    public long? FeeAmount { get; set; }

    public string? FeeDescription { get; set; }

    /// <summary>What the agency asked the citizen to add, while status is SupplementRequested.</summary>
    public string? SupplementRequest { get; set; }

    public string? ResultNote { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The version clients see and send back (optimistic concurrency: two officers acting at once cannot
    /// both win): the number of steps after the submission, so always the stream's version minus one.
    /// Not named Version so that Marten does not put its own stream version there.
    /// </summary>
    public int Revision { get; set; }

    /// <summary>The public lookup's timeline (when, which status): kept here so its view (<c>DossierLookup</c>) is built from the state alone.</summary>
    public List<StatusStep> Steps { get; set; } = [];

    public List<ApologyLetter> Apologies { get; set; } = [];

    /// <summary>The stream version a client's <paramref name="revision"/> stands for.</summary>
    public static long StreamVersionOf(int revision) => revision + 1L;

    public static Dossier Create(IEvent<DossierSubmittedOnline> submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return Start(submitted.StreamId, submitted.Data);
    }

    /// <summary>The state right after <paramref name="submitted"/>, the stream's first event.</summary>
    internal static Dossier Start(Guid id, DossierSubmittedOnline submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var dossier = new Dossier
        {
            Id = id,
            Code = submitted.Code,
            ProcedureId = submitted.ProcedureId,
            ProcedureCode = submitted.ProcedureCode,
            ProcedureName = submitted.ProcedureName,
            Field = submitted.Field,
            AgencyId = submitted.AgencyId,
            AgencyCode = submitted.AgencyCode,
            AgencyName = submitted.AgencyName,
            ProcessingWorkingDays = submitted.ProcessingWorkingDays,
            CitizenId = submitted.CitizenId,
            Applicant = submitted.Applicant,
            Summary = submitted.Summary,
            Delivery = submitted.Delivery,
            DeliveryAddress = submitted.DeliveryAddress,
            ReceivingAgencyId = submitted.ReceivingAgencyId,
            ReceivingAgencyName = submitted.ReceivingAgencyName,
            Channel = submitted.Channel,
            LookupSecret = submitted.LookupSecret,
            SearchText = SearchTextOf(submitted.Code, submitted.Applicant),
            SubmittedAt = submitted.Step.At,
            Revision = -1,
        };
        dossier.Take(submitted.Step);
        return dossier;
    }

    /// <summary>The folded text <see cref="SearchText"/> holds; a phone is also kept without its spaces and dots.</summary>
    internal static string SearchTextOf(string code, Applicant applicant)
    {
        var phone = new string([.. (applicant.PhoneNumber ?? "").Where(char.IsDigit)]);
        return $" {Province.BuildingBlocks.Text.VietnameseText.Fold($"{code} {applicant.FullName} {phone} {applicant.CitizenIdNumber}")} ";
    }

    public void Apply(DossierAccepted accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        AcceptedAt = accepted.Step.At;
        Take(accepted.Step);
    }

    public void Apply(DossierRefused refused) => Take(refused?.Step);

    public void Apply(DossierTransferred transferred)
    {
        ArgumentNullException.ThrowIfNull(transferred);
        AgencyId = transferred.ToAgencyId;
        AgencyCode = transferred.ToAgencyCode;
        AgencyName = transferred.ToAgencyName;
        Take(transferred.Step);
    }

    public void Apply(DossierAssigned assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        AssignedOfficerId = assigned.OfficerId;
        AssignedOfficerName = assigned.OfficerName;
        Take(assigned.Step);
    }

    public void Apply(SupplementRequested requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        SupplementRequest = requested.Request;
        Take(requested.Step);
    }

    public void Apply(SupplementSubmitted submitted)
    {
        SupplementRequest = null;
        Take(submitted?.Step);
    }

    public void Apply(FeeRequested requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        FeeAmount = requested.Amount;
        FeeDescription = requested.Description;
        Take(requested.Step);
    }

    public void Apply(FeePaid paid) => Take(paid?.Step);

    public void Apply(DossierCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        ResultNote = completed.ResultNote;
        CompletedAt = completed.Step.At;
        Take(completed.Step);
    }

    public void Apply(ResultReturned returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        ReturnedAt = returned.Step.At;
        Take(returned.Step);
    }

    public void Apply(DossierStopped stopped) => Take(stopped?.Step);

    public void Apply(DossierWithdrawn withdrawn) => Take(withdrawn?.Step);

    public void Apply(DeadlineExtended extended) => Take(extended?.Step);

    public void Apply(ApologyLetterIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        Apologies.Add(issued.Letter);
        Take(issued.Step);
    }

    /// <summary>
    /// The state after <paramref name="step"/>, as a new object: the aggregate fetched for writing is left
    /// alone, because Marten applies the appended events to it itself when the session is saved.
    /// </summary>
    internal Dossier After(IDossierStep step)
    {
        var next = (Dossier)MemberwiseClone();
        next.Steps = [.. Steps];
        next.Apologies = [.. Apologies];
        switch (step)
        {
            case DossierAccepted e: next.Apply(e); break;
            case DossierRefused e: next.Apply(e); break;
            case DossierTransferred e: next.Apply(e); break;
            case DossierAssigned e: next.Apply(e); break;
            case SupplementRequested e: next.Apply(e); break;
            case SupplementSubmitted e: next.Apply(e); break;
            case FeeRequested e: next.Apply(e); break;
            case FeePaid e: next.Apply(e); break;
            case DossierCompleted e: next.Apply(e); break;
            case ResultReturned e: next.Apply(e); break;
            case DossierStopped e: next.Apply(e); break;
            case DossierWithdrawn e: next.Apply(e); break;
            case DeadlineExtended e: next.Apply(e); break;
            case ApologyLetterIssued e: next.Apply(e); break;
            default: throw new ArgumentException($"Not a step after submission: {step?.GetType().Name}", nameof(step));
        }

        return next;
    }

    /// <summary>What every step changes: status, clock, time of the change, revision, the public timeline.</summary>
    private void Take(StepFacts? step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Status = step.ToStatus;
        DueDate = step.DueDate;
        PausedOn = step.PausedOn;
        UpdatedAt = step.At;
        Revision++;
        Steps.Add(new StatusStep(step.At, step.ToStatus));
    }
}

/// <summary>One status the dossier went through, and when.</summary>
internal sealed record StatusStep(DateTimeOffset At, DossierStatus Status);

/// <summary>The applicant as written on the dossier (prefilled from the profile, editable).</summary>
internal sealed class Applicant
{
    public required string FullName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public string? CitizenIdNumber { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>The commune (xã, phường, đặc khu) the address is in now, resolved by Identity also from an old address; null when not resolved.</summary>
    public string? Commune { get; set; }
}

internal enum HistoryActor
{
    Citizen,
    Officer,
    System,
}

internal enum DossierFilePurpose
{
    /// <summary>Submitted with the dossier for a required document.</summary>
    Application,

    /// <summary>Added by the citizen when the agency asked for a supplement.</summary>
    Supplement,

    /// <summary>A result document from the agency.</summary>
    Result,
}

/// <summary>
/// An uploaded file. A citizen's upload exists before the dossier does (DossierId null) and is
/// attached at submission; the bytes live in the file store under <see cref="StorageKey"/>.
/// </summary>
internal sealed class DossierFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid? DossierId { get; set; }

    /// <summary>The citizen who uploaded it (null for an officer's result document).</summary>
    public Guid? CitizenId { get; init; }

    public Guid? StaffId { get; init; }

    public DossierFilePurpose Purpose { get; set; }

    /// <summary>The required document it answers (RequiredDocument.Key), for application and supplement files.</summary>
    public string? RequiredDocumentKey { get; set; }

    /// <summary>Shown to people only; never used as a path.</summary>
    public required string FileName { get; init; }

    /// <summary>Detected from the content, not taken from the client.</summary>
    public required string ContentType { get; init; }

    public long Size { get; init; }

    public required string Sha256 { get; init; }

    public required string StorageKey { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>Phiếu xin lỗi và hẹn lại ngày trả kết quả: the agency's apology for a late dossier.</summary>
internal sealed class ApologyLetter
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid DossierId { get; init; }

    public DateOnly PreviousDueDate { get; init; }

    public DateOnly NewDueDate { get; init; }

    public required string Reason { get; init; }

    public required string Letter { get; init; }

    public Guid IssuedBy { get; init; }

    public required string IssuedByName { get; init; }

    public DateTimeOffset IssuedAt { get; init; }
}
