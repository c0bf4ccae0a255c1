namespace Province.Modules.Identity.Data;

/// <summary>
/// A citizen, known by their Zalo user id; created the first time they call us, never signed up.
/// The profile fields are what they chose to save for prefilling forms.
/// </summary>
internal sealed class Citizen
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ZaloId { get; init; }

    /// <summary>The display name Zalo gave us, when the citizen granted scope.userInfo.</summary>
    public string? ZaloName { get; set; }

    public string? FullName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Căn cước công dân: 12 digits.</summary>
    public string? CitizenIdNumber { get; set; }

    public string? Address { get; set; }

    /// <summary>Local form, 0 followed by 9 digits.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>True when the number came from Zalo's getPhoneNumber exchange, false when typed.</summary>
    public bool PhoneNumberVerified { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The profile version the citizen reads and sends back: 0 when created, one more per saved change.
    /// A write based on an older version is refused (see <see cref="Citizens.CitizenChanges"/>).
    /// </summary>
    public int Version { get; set; }
}
