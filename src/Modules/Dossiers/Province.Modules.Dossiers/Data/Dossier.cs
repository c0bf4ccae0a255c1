namespace Province.Modules.Dossiers.Data;

internal enum ResultDelivery
{
    /// <summary>The citizen collects the result at the one-stop office.</summary>
    AtOffice,

    /// <summary>Bưu chính công ích: the result is posted to <see cref="Dossier.DeliveryAddress"/>.</summary>
    PublicPostal,
}

/// <summary>One application for a procedure (hồ sơ), from submission to the returned result.</summary>
internal sealed class Dossier
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary><c>&lt;agency code&gt;-YYMMDD-XXXX</c> (Thông tư 01/2018/TT-VPCP).</summary>
    public required string Code { get; init; }

    public Guid ProcedureId { get; init; }

    public required string ProcedureCode { get; init; }

    public required string ProcedureName { get; init; }

    public required string Field { get; init; }

    public Guid AgencyId { get; init; }

    public required string AgencyCode { get; init; }

    public required string AgencyName { get; init; }

    /// <summary>The procedure's legal processing time, copied at submission: later catalog edits do not move this dossier.</summary>
    public int ProcessingWorkingDays { get; init; }

    public Guid CitizenId { get; init; }

    public required Applicant Applicant { get; init; }

    /// <summary>Trích yếu: what the dossier asks for, in the citizen's words.</summary>
    public string? Summary { get; init; }

    public ResultDelivery Delivery { get; init; }

    public string? DeliveryAddress { get; init; }

    public DossierStatus Status { get; set; } = DossierStatus.New;

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

    /// <summary>The last due date a "due soon" / "overdue" event was raised for, so each is raised once per date.</summary>
    public DateOnly? DueSoonRaisedFor { get; set; }

    public DateOnly? OverdueRaisedFor { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two officers acting at once cannot both win.</summary>
    public int Version { get; set; }

    public List<DossierHistoryEntry> History { get; init; } = [];

    public List<DossierFile> Files { get; init; } = [];

    public List<ApologyLetter> Apologies { get; init; } = [];
}

/// <summary>The applicant as written on the dossier (prefilled from the profile, editable).</summary>
internal sealed class Applicant
{
    public required string FullName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public string? CitizenIdNumber { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }
}

internal enum HistoryActor
{
    Citizen,
    Officer,
    System,
}

/// <summary>One step of a dossier's life: who, when, from which status to which, and why.</summary>
internal sealed class DossierHistoryEntry
{
    public long Id { get; init; }

    public Guid DossierId { get; init; }

    public DateTimeOffset At { get; init; }

    public HistoryActor Actor { get; init; }

    public Guid? ActorId { get; init; }

    public required string ActorName { get; init; }

    public DossierStatus? FromStatus { get; init; }

    public DossierStatus ToStatus { get; init; }

    /// <summary>The plain Vietnamese sentence the citizen reads for this step.</summary>
    public required string Description { get; init; }

    /// <summary>The officer's or citizen's own words (reason, what is missing...).</summary>
    public string? Note { get; init; }
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

/// <summary>The last dossier number given by an agency on a day (the XXXX of the code).</summary>
internal sealed class DossierCodeSequence
{
    public required string AgencyCode { get; init; }

    public DateOnly Day { get; init; }

    public int LastNumber { get; set; }
}

/// <summary>
/// A call owed to the national portal, written in the same transaction as the change it reports
/// (a dedicated outbox): the portal being down never fails a citizen's request, and calls are sent
/// in the order they were written.
/// </summary>
internal sealed class PortalSyncMessage
{
    public long Sequence { get; init; }

    public Guid DossierId { get; init; }

    /// <summary>"DongBoHoSoMC" or "CapNhatTienDoHoSoMC".</summary>
    public required string Service { get; init; }

    /// <summary>The service's fields as JSON (without the session).</summary>
    public required string Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
