using System.Text.Json;

namespace Province.BuildingBlocks.Text;

/// <summary>An enum value as the API writes it (camelCase, like the host's JSON enum converter).</summary>
public static class EnumNames
{
    public static string Camel(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}
