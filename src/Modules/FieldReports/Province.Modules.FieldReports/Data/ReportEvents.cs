namespace Province.Modules.FieldReports.Data;

/// <summary>
/// A step in a report's handling, as stored in its event stream: who did it, when, from which status, and
/// why (the note: the officer's or reporter's words). Every event moves the report's version by one.
/// </summary>
internal interface IReportEvent
{
    DateTimeOffset At { get; }

    string Actor { get; }

    ReportStatus? FromStatus { get; }

    string? Note { get; }
}

/// <summary>A step the report's history (timeline) shows, with the status it led to and the sentence describing it.</summary>
internal interface IReportHistoryStep : IReportEvent
{
    ReportStatus ToStatus { get; }

    string Description { get; }
}

/// <summary>The report as sent (by a citizen or through Open311) and routed at once to <see cref="AgencyId"/>.</summary>
internal sealed record ReportSubmitted(
    Guid ReportId,
    string Code,
    Guid CategoryId,
    string Title,
    string ReportText,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? Area,
    Guid? CitizenId,
    string? ReporterName,
    string? ReporterPhone,
    string? ReporterEmail,
    bool Anonymous,
    Guid AgencyId,
    DateTimeOffset DueAt,
    string Source,
    IReadOnlyList<ReportPhoto> Photos,
    DateTimeOffset At,
    string Actor,
    string Description,
    string? CategoryName = null,
    string? AgencyName = null,
    string? WardCode = null) : IReportHistoryStep
{
    public ReportStatus? FromStatus => null;

    public ReportStatus ToStatus => ReportStatus.Received;

    public string? Note => null;
}

internal sealed record ReportOfficerAssigned(Guid OfficerId, string OfficerName, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Assigned;
}

internal sealed record ReportHandlingStarted(DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.InProgress;
}

/// <summary>The agency asked the reporter for more; <see cref="Note"/> says what.</summary>
internal sealed record ReportInformationRequested(DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.WaitingForInformation;
}

/// <summary>The reporter answered the request; <see cref="Note"/> is the information.</summary>
internal sealed record ReportInformationProvided(DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.InProgress;
}

/// <summary>The public answer, with the photos of the fix.</summary>
internal sealed record ReportAnswered(string Answer, IReadOnlyList<ReportPhoto> Photos, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Resolved;
}

/// <summary>Refused (out of scope, wrong information); <see cref="Note"/> is the public reason.</summary>
internal sealed record ReportRejected(DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Rejected;
}

internal sealed record ReportClosed(DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Closed;
}

/// <summary>Sent on to another competent agency by an officer.</summary>
internal sealed record ReportForwarded(Guid ToAgencyId, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note, string? AgencyName = null) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Received;
}

/// <summary>Another category or area; the routing rules chose <see cref="AgencyId"/> (the same agency when nothing matched) and the deadline restarts.</summary>
internal sealed record ReportRecategorized(Guid CategoryId, string? Area, Guid AgencyId, DateTimeOffset DueAt, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note,
    string? CategoryName = null, string? AgencyName = null, string? WardCode = null)
    : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Received;
}

/// <summary>Past its deadline, the report went up to the parent agency with a fresh deadline (once per report).</summary>
internal sealed record ReportEscalated(Guid ToAgencyId, DateTimeOffset DueAt, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note, string? AgencyName = null) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.Received;
}

/// <summary>
/// Past its deadline at an agency without a parent: nobody to escalate to, so it stays where it is, but it is
/// marked as escalated so the overdue signal is raised once. Not a history step (nothing changed for the reporter).
/// </summary>
internal sealed record ReportOverdueAtTopAgency(Guid AgencyId, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string? Note) : IReportEvent;

/// <summary>The reporter rated the answer 3-5 stars: kept as it is. Not a history step.</summary>
internal sealed record ReportRated(int Stars, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string? Note) : IReportEvent;

/// <summary>
/// The reporter, unhappy with the answer, sent the report back to the agency that answered it with a message (the
/// <c>reopen</c> action, once per report, within the rating window); the deadline restarts at <see cref="DueAt"/>.
/// Streams written before the action existed hold this event from a 1-2 star rating (<see cref="Stars"/>, no deadline).
/// </summary>
internal sealed record ReportReopened(int? Stars, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note, DateTimeOffset? DueAt = null) : IReportHistoryStep
{
    public ReportStatus ToStatus => ReportStatus.InProgress;
}

/// <summary>
/// An officer replaced what the public sees (a phone number, a name, an insult typed into the title, the description
/// or the answer); null leaves a text as it was. The words as submitted stay in the stream's first event, for the audit.
/// Not a status change: the report stays where it was.
/// </summary>
internal sealed record ReportRedacted(string? Title, string? ReportText, string? Answer, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note)
    : IReportHistoryStep
{
    public ReportStatus ToStatus => FromStatus ?? ReportStatus.Received;
}

/// <summary>An officer hid the report from every public view, or showed it again; <see cref="Note"/> is why. Not a status change.</summary>
internal sealed record ReportVisibilityChanged(bool Hidden, DateTimeOffset At, string Actor, ReportStatus? FromStatus, string Description, string? Note) : IReportHistoryStep
{
    public ReportStatus ToStatus => FromStatus ?? ReportStatus.Received;
}
