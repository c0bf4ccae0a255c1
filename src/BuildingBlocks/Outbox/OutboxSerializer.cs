using System.Text.Json;

namespace Province.BuildingBlocks.Outbox;

internal static class OutboxSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>"Namespace.Type, Assembly": enough to load the event from its Contracts assembly, without a version that would break after an upgrade.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
