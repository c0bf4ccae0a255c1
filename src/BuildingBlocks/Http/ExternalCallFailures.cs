using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Province.BuildingBlocks.Http;

/// <summary>Which failures of a Refit call to an external system mean "it cannot answer now" (and so a 503 for our caller).</summary>
public static class ExternalCallFailures
{
    /// <summary>
    /// Unreachable, too slow (attempt or total timeout), its circuit open, an error status after the retries
    /// (<see cref="ApiException"/>), or a body that is not the JSON it promised. A cancelled caller is not among them.
    /// </summary>
    public static bool MeanUnavailable(Exception exception) => exception switch
    {
        // Refit wraps what the HttpClient pipeline threw before any answer came.
        ApiRequestException { InnerException: { } cause } => MeanUnavailable(cause),
        ApiException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException or JsonException => true,
        _ => false,
    };
}
