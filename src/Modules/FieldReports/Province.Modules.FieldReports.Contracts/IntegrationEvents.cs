using Province.BuildingBlocks.Messaging;

namespace Province.Modules.FieldReports.Contracts;

/// <summary>A citizen's report (phản ánh hiện trường) was received and routed to <paramref name="AgencyId"/>.</summary>
public sealed record FieldReportReceived(Guid Id, DateTimeOffset OccurredAt, Guid ReportId, string Code, Guid? CitizenId, string CategoryName, Guid AgencyId) : IIntegrationEvent;

/// <summary>A report was assigned to an agency (routing, forwarding, escalation) or to one of its officers.</summary>
public sealed record FieldReportAssigned(Guid Id, DateTimeOffset OccurredAt, Guid ReportId, string Code, Guid AgencyId, Guid? OfficerId) : IIntegrationEvent;

/// <summary>The agency answered publicly (resolved) or rejected the report with a reason.</summary>
public sealed record FieldReportAnswered(Guid Id, DateTimeOffset OccurredAt, Guid ReportId, string Code, Guid? CitizenId, bool Resolved, string Answer) : IIntegrationEvent;

/// <summary>The reporter rated the answer as unsatisfactory and the report went back to the agency.</summary>
public sealed record FieldReportReopened(Guid Id, DateTimeOffset OccurredAt, Guid ReportId, string Code, Guid AgencyId, int Stars) : IIntegrationEvent;

/// <summary>A report passed its handling deadline and was escalated to the parent agency.</summary>
public sealed record FieldReportOverdue(Guid Id, DateTimeOffset OccurredAt, Guid ReportId, string Code, Guid AgencyId, Guid? EscalatedToAgencyId) : IIntegrationEvent;
