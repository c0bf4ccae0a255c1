using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Province.BuildingBlocks.Live;

/// <summary>Which endpoints answer with a server-sent event stream: those whose metadata declares <c>text/event-stream</c>.</summary>
public static class EventStreamEndpoints
{
    /// <summary>By the endpoint's declared answer only (never the caller's Accept header, which anyone can set).</summary>
    public static bool DeclaresEventStream(this Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(produces => produces.ContentTypes.Contains("text/event-stream", StringComparer.OrdinalIgnoreCase)) == true;
}
