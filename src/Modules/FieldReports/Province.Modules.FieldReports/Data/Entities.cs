using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Data;

/// <summary>A category of report (lĩnh vực) an administrator configures; its code is the Open311 service_code.</summary>
internal sealed class Category
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Stable slug, e.g. "chieu-sang": the Open311 service_code.</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>How long the agency has to answer, in hours (72 = three days).</summary>
    public int HandlingHours { get; set; } = 72;

    /// <summary>
    /// The department competent for this kind of problem (Decree 45/2025: Sở Xây dựng for roads and lighting, Sở Nông
    /// nghiệp và Môi trường for the environment...): where an overdue report of a commune goes. Null: the agency's parent.
    /// </summary>
    public Guid? EscalationAgencyId { get; set; }

    public bool Active { get; set; } = true;

    public List<AnswerTemplate> AnswerTemplates { get; set; } = [];
}

/// <summary>A prepared answer officers start from, to reply faster.</summary>
internal sealed class AnswerTemplate
{
    public required string Title { get; set; }

    public required string Text { get; set; }
}

/// <summary>
/// "Reports of this category in this area go to this agency". Rules are tried by <see cref="Order"/>;
/// the first match wins; an empty category or area matches anything.
/// </summary>
internal sealed class RoutingRule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public int Order { get; set; }

    public Guid? CategoryId { get; set; }

    /// <summary>The commune or ward (xã, phường, đặc khu) by its current name, compared without diacritics.</summary>
    public string? Area { get; set; }

    public Guid AgencyId { get; set; }
}

internal enum ReportStatus
{
    Received,
    Assigned,
    InProgress,
    WaitingForInformation,
    Resolved,
    Rejected,
    Closed,
}

/// <summary>
/// A report's current state: the inline snapshot of its event stream (see <see cref="ReportSubmitted"/> and the other
/// events), written in the same transaction as the events, so a read right after a write sees it.
/// </summary>
internal sealed class FieldReport
{
    public Guid Id { get; set; }

    /// <summary>Short public code, e.g. "PA-7K2M9Q".</summary>
    public string Code { get; set; } = "";

    public Guid CategoryId { get; set; }

    /// <summary>Display names kept on the snapshot when the event happens, so a read needs no call to Identity.</summary>
    public string? CategoryName { get; set; }

    public string? AgencyName { get; set; }

    /// <summary>The official code of the commune or ward (<see cref="Area"/> is its name), where Identity knows it.</summary>
    public string? WardCode { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Address { get; set; }

    public string? Area { get; set; }

    /// <summary>Null for a report made through Open311 without a signed-in citizen.</summary>
    public Guid? CitizenId { get; set; }

    /// <summary>Never shown publicly; for the agency to call back.</summary>
    public string? ReporterName { get; set; }

    public string? ReporterPhone { get; set; }

    public string? ReporterEmail { get; set; }

    /// <summary>The reporter asked not to be named publicly (the public never sees reporters anyway; officers see "ẩn danh").</summary>
    public bool Anonymous { get; set; }

    public ReportStatus Status { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The assigned staff member (<c>assignedStaffId</c> in the API; the stored name stays for the existing snapshots).</summary>
    public Guid? OfficerId { get; set; }

    public string? OfficerName { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The agency it was escalated to, once; escalation happens once per report.</summary>
    public Guid? EscalatedToAgencyId { get; set; }

    public string? InformationRequest { get; set; }

    /// <summary>The public answer (resolved) or the reason (rejected).</summary>
    public string? Answer { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public int? Rating { get; set; }

    public int Reopens { get; set; }

    /// <summary>An officer took it out of every public view (Open311, the feed, the report page, the nearby hint).</summary>
    public bool Hidden { get; set; }

    public string Source { get; set; } = "app";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The version clients see and send back: 0 when submitted, one more with every event after that, so it is
    /// always the stream's version minus one (what <c>FetchForWriting</c> is given).
    /// </summary>
    public int Revision { get; set; }

    /// <summary>Answered and shown in the public feed (resolved, or closed with its answer), not hidden: the public feed's partial index is on this.</summary>
    public bool InPublicFeed => Answer != null && AnsweredAt != null && (Status is ReportStatus.Resolved or ReportStatus.Closed) && Public;

    /// <summary>
    /// May the public see it at all (Open311, the report page, the nearby hint, its photos): not hidden by an officer and
    /// not refused (a rejected report, closed afterwards or not, is often false or abusive; its reason is for the reporter).
    /// </summary>
    public bool Public => !Hidden && !Refused;

    /// <summary>Rejected, and not answered since (the reason is in <see cref="Answer"/>).</summary>
    public bool Refused { get; set; }

    public List<ReportPhoto> Photos { get; set; } = [];

    /// <summary>
    /// Code, title, description and (unless anonymous) the reporter's phone, folded (no diacritics, lower case): what
    /// the staff queue's <c>q</c> matches. Written into the snapshot's JSON with every event.
    /// </summary>
    public string SearchText => VietnameseText.Fold($"{Code} {Title} {Description} {Address} {(Anonymous ? "" : ReporterPhone)}");

    public static FieldReport Create(ReportSubmitted submitted) => new()
    {
        Id = submitted.ReportId,
        Code = submitted.Code,
        CategoryId = submitted.CategoryId,
        Title = submitted.Title,
        Description = submitted.ReportText,
        Latitude = submitted.Latitude,
        Longitude = submitted.Longitude,
        Address = submitted.Address,
        Area = submitted.Area,
        CitizenId = submitted.CitizenId,
        ReporterName = submitted.ReporterName,
        ReporterPhone = submitted.ReporterPhone,
        ReporterEmail = submitted.ReporterEmail,
        Anonymous = submitted.Anonymous,
        Status = ReportStatus.Received,
        AgencyId = submitted.AgencyId,
        DueAt = submitted.DueAt,
        Source = submitted.Source,
        CreatedAt = submitted.At,
        UpdatedAt = submitted.At,
        Photos = [.. submitted.Photos],
        CategoryName = submitted.CategoryName,
        AgencyName = submitted.AgencyName,
        WardCode = submitted.WardCode,
    };

    public void Apply(ReportOfficerAssigned assigned)
    {
        OfficerId = assigned.OfficerId;
        OfficerName = assigned.OfficerName;
        Step(assigned);
    }

    public void Apply(ReportHandlingStarted started) => Step(started);

    public void Apply(ReportInformationRequested requested)
    {
        InformationRequest = requested.Note;
        Step(requested);
    }

    public void Apply(ReportInformationProvided provided)
    {
        InformationRequest = null;
        Step(provided);
    }

    public void Apply(ReportAnswered answered)
    {
        Answer = answered.Answer;
        AnsweredAt = answered.At;
        Refused = false;
        // A new answer (after a reopening) is rated anew.
        Rating = null;
        Photos.AddRange(answered.Photos);
        Step(answered);
    }

    public void Apply(ReportRejected rejected)
    {
        Answer = rejected.Note;
        AnsweredAt = rejected.At;
        Refused = true;
        Step(rejected);
    }

    public void Apply(ReportClosed closed) => Step(closed);

    public void Apply(ReportForwarded forwarded)
    {
        MoveTo(forwarded.ToAgencyId, forwarded.AgencyName);
        Step(forwarded);
    }

    public void Apply(ReportRecategorized recategorized)
    {
        CategoryId = recategorized.CategoryId;
        CategoryName = recategorized.CategoryName ?? CategoryName;
        Area = recategorized.Area;
        WardCode = recategorized.WardCode;
        MoveTo(recategorized.AgencyId, recategorized.AgencyName);
        DueAt = recategorized.DueAt;
        Step(recategorized);
    }

    public void Apply(ReportEscalated escalated)
    {
        EscalatedToAgencyId = escalated.ToAgencyId;
        AgencyId = escalated.ToAgencyId;
        AgencyName = escalated.AgencyName;
        OfficerId = null;
        OfficerName = null;
        DueAt = escalated.DueAt;
        Step(escalated);
    }

    public void Apply(ReportOverdueAtTopAgency overdue)
    {
        EscalatedToAgencyId = overdue.AgencyId;
        Step(overdue);
    }

    public void Apply(ReportRedacted redacted)
    {
        Title = redacted.Title ?? Title;
        Description = redacted.ReportText ?? Description;
        Answer = redacted.Answer ?? Answer;
        Step(redacted);
    }

    public void Apply(ReportVisibilityChanged changed)
    {
        Hidden = changed.Hidden;
        Step(changed);
    }

    public void Apply(ReportRated rated)
    {
        Rating = rated.Stars;
        Step(rated);
    }

    public void Apply(ReportReopened reopened)
    {
        Rating = reopened.Stars;
        Reopens++;
        DueAt = reopened.DueAt ?? DueAt;
        Step(reopened);
    }

    /// <summary>A different agency takes it over: the former agency's officer no longer handles it.</summary>
    private void MoveTo(Guid agencyId, string? agencyName)
    {
        if (agencyId != AgencyId)
        {
            AgencyId = agencyId;
            AgencyName = agencyName;
            OfficerId = null;
            OfficerName = null;
        }
    }

    /// <summary>Every event moves the version; only the steps of the history change the status and the time of the last update.</summary>
    private void Step(IReportEvent step)
    {
        if (step is IReportHistoryStep moved)
        {
            Status = moved.ToStatus;
            UpdatedAt = moved.At;
        }

        Revision++;
    }
}

internal enum PhotoKind
{
    Report,
    Fix,
}

/// <summary>A photo, stored only after its metadata (EXIF GPS, device) was stripped: the stored bytes are what anyone can see.</summary>
internal sealed class ReportPhoto
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid? ReportId { get; set; }

    public Guid? CitizenId { get; init; }

    public Guid? StaffId { get; init; }

    public PhotoKind Kind { get; set; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    public required string Sha256 { get; init; }

    public required string StorageKey { get; init; }

    /// <summary>The name the file was sent with (shown only to the uploader and staff; null for photos stored before it was kept).</summary>
    public string? FileName { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>A question to an agency (hỏi đáp); answered ones the agency marks public form a searchable guide.</summary>
internal sealed class Question
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CitizenId { get; init; }

    public Guid AgencyId { get; init; }

    /// <summary>The agency's name when the question was asked.</summary>
    public string? AgencyName { get; init; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>Officers' edits of what the public sees and their hiding or showing it, oldest first: who, when, why.</summary>
    public List<QuestionModeration> Moderations { get; set; } = [];

    public DateTimeOffset? AnsweredAt { get; set; }

    public bool Public { get; set; }

    /// <summary>Title, question and answer folded (no diacritics, lower case) for search.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One moderation of a question: its public wording edited and/or its visibility set, by whom and why.</summary>
internal sealed record QuestionModeration(DateTimeOffset At, string Actor, bool Redacted, bool Public, string Reason);

/// <summary>An Open311 client allowed to create requests; only the SHA-256 of the key is kept.</summary>
internal sealed class Open311Client
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; init; }

    public required string KeyHash { get; init; }

    public bool Revoked { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
