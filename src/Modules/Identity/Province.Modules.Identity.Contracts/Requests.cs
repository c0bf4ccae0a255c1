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

/// <summary>One staff member, to check an assignment stays inside an agency. Null when unknown.</summary>
public sealed record GetStaffMember(Guid StaffId) : IRequest<StaffMemberInfo?>;

public sealed record StaffMemberInfo(Guid Id, string FullName, Guid AgencyId, string Role, bool Active);

/// <summary>An agency by its code under Thông tư 10/2016/TT-BTTTT (e.g. "000.00.12.H57"). Null when unknown.</summary>
public sealed record FindAgencyByCode(string Code) : IRequest<AgencyInfo?>;
