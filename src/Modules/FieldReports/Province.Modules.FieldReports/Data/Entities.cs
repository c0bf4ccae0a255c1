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

    /// <summary>The commune or ward (xã, phường) as the reporter chose it, compared without diacritics.</summary>
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

internal sealed class Report
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short public code, e.g. "PA-7K2M9Q".</summary>
    public required string Code { get; init; }

    public Guid CategoryId { get; set; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Address { get; set; }

    public string? Area { get; set; }

    /// <summary>Null for a report made through Open311 without a signed-in citizen.</summary>
    public Guid? CitizenId { get; init; }

    /// <summary>Never shown publicly; for the agency to call back.</summary>
    public string? ReporterName { get; init; }

    public string? ReporterPhone { get; init; }

    public string? ReporterEmail { get; init; }

    /// <summary>The reporter asked not to be named publicly (the public never sees reporters anyway; officers see "ẩn danh").</summary>
    public bool Anonymous { get; init; }

    public ReportStatus Status { get; set; }

    public Guid AgencyId { get; set; }

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

    public string Source { get; init; } = "app";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<ReportPhoto> Photos { get; init; } = [];

    public List<ReportHistoryEntry> History { get; init; } = [];
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

    public DateTimeOffset UploadedAt { get; init; }
}

internal sealed class ReportHistoryEntry
{
    public long Id { get; init; }

    public Guid ReportId { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public ReportStatus? FromStatus { get; init; }

    public ReportStatus ToStatus { get; init; }

    public required string Description { get; init; }

    public string? Note { get; init; }
}

/// <summary>A question to an agency (hỏi đáp); answered ones the agency marks public form a searchable guide.</summary>
internal sealed class Question
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CitizenId { get; init; }

    public Guid AgencyId { get; init; }

    public required string Title { get; init; }

    public required string Text { get; init; }

    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public bool Public { get; set; }

    /// <summary>Title, question and answer folded (no diacritics, lower case) for search.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An Open311 client allowed to create requests; only the SHA-256 of the key is kept.</summary>
internal sealed class Open311Client
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; init; }

    public required string KeyHash { get; init; }

    public bool Revoked { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
