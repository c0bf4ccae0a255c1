using System.Text.Json.Serialization;

namespace Province.BackOffice.Api;

/// <summary>An RFC 9457 problem as the module APIs answer it, shown to staff as it is (the texts are Vietnamese already).</summary>
public sealed class ApiProblem
{
    public int Status { get; set; }

    public string? Title { get; set; }

    public string? Detail { get; set; }

    public string? Code { get; set; }

    public Dictionary<string, string[]>? Errors { get; set; }

    /// <summary>The text to show: the detail, the field errors, or the title.</summary>
    [JsonIgnore]
    public string Message =>
        Errors is { Count: > 0 }
            ? string.Join(" ", Errors.SelectMany(entry => entry.Value))
            : Detail ?? Title ?? $"Yêu cầu không thực hiện được (mã {Status}).";
}

/// <summary>An answer of the API: the value, or the problem.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>The staff member's session ended on the API side (signed out elsewhere, deactivated, expired): sign in again.</summary>
public sealed class StaffSessionEndedException() : Exception("The staff session ended; the API answered 401.");

/// <summary>A file the API answered (bytes, type, the name it suggested), or the problem.</summary>
public sealed record ApiFile(byte[]? Bytes, string? ContentType, string? FileName, ApiProblem? Problem);
