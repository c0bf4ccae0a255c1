using System.Text.Json;
using System.Text.Json.Serialization;

namespace Province.BuildingBlocks.Time;

/// <summary>
/// Every <see cref="DateTimeOffset"/> of every JSON answer leaves in Vietnam's time (<c>+07:00</c>), whatever offset the
/// value carries (Marten hands back UTC): registered once for the HTTP API, so no module can answer <c>+00:00</c>.
/// Reading accepts any ISO 8601 offset.
/// </summary>
public sealed class VietnamTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToVietnamTime());
    }
}
