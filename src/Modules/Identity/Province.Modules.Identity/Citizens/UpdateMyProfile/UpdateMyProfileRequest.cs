using System.Text.Json.Serialization;

namespace Province.Modules.Identity.Citizens.UpdateMyProfile;

/// <summary>
/// The whole editable profile (PUT semantics: a field left out is cleared). <see cref="Version"/> is
/// the version the citizen read; an edit made meanwhile elsewhere answers 409.
/// </summary>
internal sealed record UpdateMyProfileRequest(
    string? FullName,
    DateOnly? DateOfBirth,
    string? CitizenIdNumber,
    string? Address,
    string? PhoneNumber,
    [property: JsonRequired] int Version);
