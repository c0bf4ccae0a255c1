using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff;

internal sealed record StaffMemberResponse(Guid Id, string UserName, string FullName, string Role, Guid AgencyId, bool IsActive)
{
    public static StaffMemberResponse From(StaffMember staff) => new(
        staff.Id, staff.UserName, staff.FullName, staff.Role.ToRoleName(), staff.AgencyId, staff.IsActive);
}
