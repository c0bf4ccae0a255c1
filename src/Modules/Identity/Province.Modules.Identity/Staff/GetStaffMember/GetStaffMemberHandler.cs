using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.GetStaffMember;

/// <summary>Answers other modules' <see cref="Contracts.GetStaffMember"/> (e.g. Dossiers checking an assignment stays in the agency).</summary>
internal sealed class GetStaffMemberHandler(IdentityDbContext db) : IRequestHandler<Contracts.GetStaffMember, StaffMemberInfo?>
{
    public async Task<StaffMemberInfo?> Handle(Contracts.GetStaffMember request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken);
        return staff is null ? null : new StaffMemberInfo(staff.Id, staff.FullName, staff.AgencyId, staff.Role.ToRoleName(), staff.IsActive);
    }
}
