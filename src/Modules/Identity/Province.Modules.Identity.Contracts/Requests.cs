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

/// <summary>
/// An agency: the province's People's Committee ("province"), a department (Sở, "department"), the public administrative
/// service centre ("serviceCentre") or a commune's People's Committee (xã, phường, đặc khu: "commune").
/// </summary>
public sealed record AgencyInfo(Guid Id, string Code, string Name, string Level, Guid? ParentId);

/// <summary>One staff member, to check an assignment stays inside an agency. Null when unknown.</summary>
public sealed record GetStaffMember(Guid StaffId) : IRequest<StaffMemberInfo?>;

public sealed record StaffMemberInfo(Guid Id, string FullName, Guid AgencyId, string Role, bool Active);

/// <summary>One staff member by user name (demo data naming the officers who handled its history). Null when unknown.</summary>
public sealed record FindStaffMemberByUserName(string UserName) : IRequest<StaffMemberInfo?>;

/// <summary>An agency by its code under Thông tư 10/2016/TT-BTTTT (e.g. "000.00.12.H57"). Null when unknown.</summary>
public sealed record FindAgencyByCode(string Code) : IRequest<AgencyInfo?>;

/// <summary>
/// The commune (xã, phường, đặc khu) an address is in now, also when it is written with the units of the old
/// three-tier map ("Phường 1, thành phố Tây Ninh" is in phường Tân Ninh since 1 July 2025).
/// </summary>
public sealed record ResolveAdministrativeUnit(string Address) : IRequest<AdministrativeUnitMatch>;

/// <summary>
/// <see cref="Unit"/> when the address names one unit (now or before the 2025 merger; <see cref="FormerName"/> says
/// which old unit it named), otherwise null with the <see cref="Candidates"/> it could be (none: nothing matched).
/// </summary>
public sealed record AdministrativeUnitMatch(AdministrativeUnitInfo? Unit, string? FormerName, IReadOnlyList<AdministrativeUnitInfo> Candidates);

/// <summary>A commune-level unit: official code (null where not loaded), name with its kind, its People's Committee.</summary>
public sealed record AdministrativeUnitInfo(Guid Id, string? Code, string Name, string Kind, Guid? AgencyId);
