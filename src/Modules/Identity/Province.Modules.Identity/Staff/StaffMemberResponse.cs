using Marten;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff;

/// <summary>A staff account as administrators and colleagues see it; <c>mustChangePassword</c> after a reset.</summary>
internal sealed record StaffMemberResponse(
    Guid Id, string UserName, string FullName, string Role, Guid AgencyId, string? AgencyName, bool IsActive, bool MustChangePassword)
{
    public static StaffMemberResponse From(StaffMember staff, string? agencyName) => new(
        staff.Id, staff.UserName, staff.FullName, staff.Role.ToRoleName(), staff.AgencyId, agencyName, staff.IsActive,
        staff.TemporaryPasswordExpiresAt is not null);

    /// <summary>The accounts with their agencies' names (one read of the agencies).</summary>
    public static async Task<IReadOnlyList<StaffMemberResponse>> FromAsync(IQuerySession session, IReadOnlyList<StaffMember> staff, CancellationToken cancellationToken)
    {
        var ids = staff.Select(s => s.AgencyId).Distinct().ToArray();
        var names = (await session.LoadManyAsync<Agency>(cancellationToken, ids)).ToDictionary(a => a.Id, a => a.Name);
        return [.. staff.Select(s => From(s, names.GetValueOrDefault(s.AgencyId)))];
    }

    public static async Task<StaffMemberResponse> FromAsync(IQuerySession session, StaffMember staff, CancellationToken cancellationToken) =>
        (await FromAsync(session, [staff], cancellationToken))[0];
}
