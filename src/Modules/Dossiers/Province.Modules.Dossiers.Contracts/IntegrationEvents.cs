using Province.BuildingBlocks.Messaging;

namespace Province.Modules.Dossiers.Contracts;

/// <summary>A citizen submitted a dossier online; <paramref name="DueDate"/> is the return date promised on the receipt.</summary>
public sealed record DossierSubmitted(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid DossierId,
    string DossierCode,
    Guid CitizenId,
    Guid AgencyId,
    string ProcedureCode,
    string ProcedureName,
    DateOnly DueDate) : IIntegrationEvent;

/// <summary>
/// A dossier moved from one status to another. Statuses are the national portal's TrangThaiHoSo codes
/// (1-10); <paramref name="CitizenMessage"/> is the plain Vietnamese sentence the citizen is shown.
/// </summary>
public sealed record DossierStatusChanged(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid DossierId,
    string DossierCode,
    Guid CitizenId,
    Guid AgencyId,
    int FromStatus,
    int ToStatus,
    string StatusText,
    string CitizenMessage) : IIntegrationEvent;

/// <summary>An open dossier's return date is near (within the configured working days).</summary>
public sealed record DossierDueSoon(Guid Id, DateTimeOffset OccurredAt, Guid DossierId, string DossierCode, Guid AgencyId, Guid? AssignedOfficerId, DateOnly DueDate) : IIntegrationEvent;

/// <summary>An open dossier passed its return date without a result.</summary>
public sealed record DossierOverdue(Guid Id, DateTimeOffset OccurredAt, Guid DossierId, string DossierCode, Guid AgencyId, Guid? AssignedOfficerId, DateOnly DueDate) : IIntegrationEvent;

/// <summary>
/// The agency apologised for a late dossier and promised a new date (phiếu xin lỗi và hẹn lại ngày trả);
/// it must reach the citizen, <paramref name="Letter"/> is the text to send.
/// </summary>
public sealed record DossierApologyIssued(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid DossierId,
    string DossierCode,
    Guid CitizenId,
    DateOnly PreviousDueDate,
    DateOnly NewDueDate,
    string Letter) : IIntegrationEvent;
