using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Province.Simulators.NationalPortal;

/// <summary>
/// The portal's answer to a call: always HTTP 200, success or failure told by <c>error_code</c>
/// ("0", "400", "401", "404") and a Vietnamese <c>message</c>; <c>result</c> only on success.
/// </summary>
internal sealed record PortalReply(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Result = null)
{
    public const string SuccessCode = "0";

    public const string SuccessMessage = "Thành công";

    [JsonIgnore]
    public bool IsSuccess => string.Equals(ErrorCode, SuccessCode, StringComparison.Ordinal);

    public static PortalReply Ok(object result) => new(SuccessCode, SuccessMessage, result);

    public static PortalReply BadRequest(string why) => new("400", why);

    public static PortalReply Unauthorized(string why) => new("401", why);

    public static PortalReply NotFound(string why) => new("404", why);
}

/// <summary>One service call the simulator accepted, as <c>GET /dev/received</c> lists it.</summary>
internal sealed record ReceivedCall(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("body")] JsonElement Body);

/// <summary>Reading the loosely typed JSON the portal receives, the way the portal reads it.</summary>
internal static class PortalJson
{
    /// <summary>The portal's date-time format (local time of the province, no separators).</summary>
    public const string DateFormat = "yyyyMMddHHmmss";

    /// <summary>The property's text, or null when it is absent or not a JSON string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>True when the date is absent, null, empty, or text in <see cref="DateFormat"/>.</summary>
    public static bool IsEmptyOrPortalDate(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString();
        return string.IsNullOrEmpty(text)
            || DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    /// <summary>A copy of the object without one property (the session, which the call log must not keep).</summary>
    public static JsonElement Without(JsonElement element, string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (!string.Equals(property.Name, name, StringComparison.Ordinal))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
