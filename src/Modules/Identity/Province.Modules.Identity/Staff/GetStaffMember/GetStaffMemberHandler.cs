using Marten;
using MediatR;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.GetStaffMember;

/// <summary>Answers other modules' <see cref="Contracts.GetStaffMember"/> (e.g. Dossiers checking an assignment stays in the agency).</summary>
internal sealed class GetStaffMemberHandler(IIdentityStore store) : IRequestHandler<Contracts.GetStaffMember, StaffMemberInfo?>
{
    public async Task<StaffMemberInfo?> Handle(Contracts.GetStaffMember request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var staff = await session.LoadAsync<StaffMember>(request.StaffId, cancellationToken);
        return staff is null ? null : new StaffMemberInfo(staff.Id, staff.FullName, staff.AgencyId, staff.Role.ToRoleName(), staff.IsActive);
    }
}

/// <summary>Answers <see cref="Contracts.FindStaffMemberByUserName"/> (user names are unique).</summary>
internal sealed class FindStaffMemberByUserNameHandler(IIdentityStore store) : IRequestHandler<Contracts.FindStaffMemberByUserName, StaffMemberInfo?>
{
    public async Task<StaffMemberInfo?> Handle(Contracts.FindStaffMemberByUserName request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var staff = await session.Query<StaffMember>().FirstOrDefaultAsync(s => s.UserName == request.UserName, cancellationToken);
        return staff is null ? null : new StaffMemberInfo(staff.Id, staff.FullName, staff.AgencyId, staff.Role.ToRoleName(), staff.IsActive);
    }
}
