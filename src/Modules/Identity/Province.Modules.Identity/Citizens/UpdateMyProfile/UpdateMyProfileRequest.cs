using System.Text.Json.Serialization;

namespace Province.Modules.Identity.Citizens.UpdateMyProfile;

/// <summary>
/// A partial edit of the profile (PATCH): only the fields sent change, <c>null</c> clears one. The JSON reader
/// calls a setter only for a property present in the body, which is how a field left out is told from one
/// sent as <c>null</c>. <see cref="Version"/> is the version the citizen read; an edit made meanwhile elsewhere
/// answers 409.
/// </summary>
internal sealed class UpdateMyProfileRequest
{
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    public string? FullName { get; set => Sent(field = value); }

    public DateOnly? DateOfBirth { get; set => Sent(field = value); }

    public string? CitizenIdNumber { get; set => Sent(field = value); }

    public string? Address { get; set => Sent(field = value); }

    /// <summary>A typed number, unverified. A number verified through Zalo cannot be changed or cleared here.</summary>
    public string? PhoneNumber { get; set => Sent(field = value); }

    [JsonRequired]
    public int Version { get; set; }

    /// <summary>Whether the body named the property (<c>nameof</c> the property).</summary>
    public bool Has(string property) => _sent.Contains(property);

    private void Sent<T>(T _, [System.Runtime.CompilerServices.CallerMemberName] string property = "") => _sent.Add(property);
}
