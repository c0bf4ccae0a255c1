namespace Province.Modules.Identity.Data;

/// <summary>
/// One staff sign-in: the token names it, and it stands until it expires, is signed out, or is revoked (the account
/// deactivated, the password changed). <see cref="Province.BuildingBlocks.Security.ValidateStaffSession"/> reads it.
/// </summary>
internal sealed class StaffSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid StaffId { get; init; }

    public DateTimeOffset SignedInAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: "signed-out", "deactivated", "password-changed".</summary>
    public string? EndedBecause { get; set; }
}
