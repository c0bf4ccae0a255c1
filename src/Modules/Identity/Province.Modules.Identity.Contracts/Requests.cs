using MediatR;

namespace Province.Modules.Identity.Contracts;

/// <summary>The citizen's saved profile, to prefill a form. Null when the citizen does not exist.</summary>
public sealed record GetCitizenProfile(Guid CitizenId) : IRequest<CitizenProfile?>;

public sealed record CitizenProfile(
    Guid CitizenId,
    string? FullName,
    DateOnly? DateOfBirth,
    string? CitizenIdNumber,
    string? Address,
    string? PhoneNumber,
    bool PhoneNumberVerified);

/// <summary>One agency of the directory. Null when it does not exist.</summary>
public sealed record GetAgency(Guid AgencyId) : IRequest<AgencyInfo?>;

/// <summary>An agency: a provincial department (Sở), a district or commune People's Committee (UBND), ...</summary>
public sealed record AgencyInfo(Guid Id, string Code, string Name, string Level, Guid? ParentId);
