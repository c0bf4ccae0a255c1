using MediatR;

namespace Province.Modules.Dossiers.Contracts;

/// <summary>One procedure of the catalog by its national code (e.g. "1.001193"); null when unknown.</summary>
public sealed record GetProcedure(string ProcedureCode) : IRequest<ProcedureInfo?>;

public sealed record ProcedureInfo(string Code, string Name, string Field, Guid AgencyId, int ProcessingWorkingDays);

/// <summary>A citizen's own dossier (for linking a booking to it); null when it does not exist or is not theirs.</summary>
public sealed record GetCitizenDossier(Guid CitizenId, Guid DossierId) : IRequest<DossierInfo?>;

public sealed record DossierInfo(Guid Id, string Code, string ProcedureCode, string ProcedureName, string Field, Guid AgencyId, int Status, DateOnly DueDate);
