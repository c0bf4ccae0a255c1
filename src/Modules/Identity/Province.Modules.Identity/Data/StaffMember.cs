using Province.BuildingBlocks.Security;

namespace Province.Modules.Identity.Data;

internal enum StaffRole
{
    Officer,
    Administrator,
}

internal static class StaffRoleNames
{
    /// <summary>The role claim value and API name of a staff role.</summary>
    public static string ToRoleName(this StaffRole role) =>
        role == StaffRole.Administrator ? ProvinceRoles.Administrator : ProvinceRoles.Officer;
}

/// <summary>An officer (cán bộ) or administrator of one agency, signing in with a password.</summary>
internal sealed class StaffMember
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string UserName { get; init; }

    public required string FullName { get; set; }

    /// <summary>PasswordHasher&lt;StaffMember&gt; output (PBKDF2); the password itself is never stored.</summary>
    public string PasswordHash { get; set; } = "";

    public StaffRole Role { get; set; }

    public Guid AgencyId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Set when an administrator reset the password to a temporary one: that password signs in only until this
    /// time, and the person must choose their own (cleared by the password change).
    /// </summary>
    public DateTimeOffset? TemporaryPasswordExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
