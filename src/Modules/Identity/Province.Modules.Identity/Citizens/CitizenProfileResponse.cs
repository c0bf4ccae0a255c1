using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens;

/// <summary>The citizen's own profile, as only they see it (it is theirs: nothing is masked).</summary>
internal sealed record CitizenProfileResponse(
    Guid Id,
    string? ZaloName,
    string? FullName,
    DateOnly? DateOfBirth,
    string? CitizenIdNumber,
    string? Address,
    string? PhoneNumber,
    bool PhoneNumberVerified,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static CitizenProfileResponse From(Citizen citizen) => new(
        citizen.Id,
        citizen.ZaloName,
        citizen.FullName,
        citizen.DateOfBirth,
        citizen.CitizenIdNumber,
        citizen.Address,
        citizen.PhoneNumber,
        citizen.PhoneNumberVerified,
        citizen.UpdatedAt.ToVietnamTime(),
        citizen.Version);
}
