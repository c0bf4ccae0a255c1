using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Http;

namespace Province.Modules.Identity.Zalo;

/// <summary>The part of Zalo's Graph API Province uses (see shared reference zalo.md).</summary>
internal interface IZaloGraphClient
{
    /// <summary><c>GET /v2.0/me</c>: who owns this access token; null when Zalo says the token is not valid.</summary>
    Task<ZaloUser?> GetUserAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary><c>GET /v2.0/me/info</c>: exchanges a getPhoneNumber token for the number (84xxxxxxxxx); null when refused.</summary>
    Task<string?> GetPhoneNumberAsync(string accessToken, string phoneToken, CancellationToken cancellationToken);
}

internal sealed record ZaloUser(string Id, string? Name);

internal sealed class ZaloGraphClient(HttpClient http, IOptions<ZaloOptions> options, SelfAddress selfAddress) : IZaloGraphClient
{
    public async Task<ZaloUser?> GetUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/v2.0/me?fields=id,name,picture"));
        request.Headers.Add("access_token", accessToken);
        var answer = await SendAsync<MeAnswer>(request, cancellationToken);
        return answer is { Error: 0, Id: { Length: > 0 } id } ? new ZaloUser(id, answer.Name) : null;
    }

    public async Task<string?> GetPhoneNumberAsync(string accessToken, string phoneToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/v2.0/me/info"));
        request.Headers.Add("access_token", accessToken);
        request.Headers.Add("code", phoneToken);
        request.Headers.Add("secret_key", options.Value.AppSecret);
        var answer = await SendAsync<InfoAnswer>(request, cancellationToken);
        return answer is { Error: 0, Data.Number: { Length: > 0 } number } ? number : null;
    }

    private Uri Url(string pathAndQuery) => selfAddress.Resolve(options.Value.GraphBaseUrl.TrimEnd('/') + pathAndQuery);

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                throw new DependencyUnavailableException("Zalo", TimeSpan.FromSeconds(10));
            }

            // Zalo answers 200 with an error code in the body for a bad token; anything else that is not JSON is its fault.
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or System.Text.Json.JsonException)
        {
            throw new DependencyUnavailableException("Zalo", TimeSpan.FromSeconds(15), exception);
        }
    }

    private sealed record MeAnswer(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("error")] int Error,
        [property: JsonPropertyName("message")] string? Message);

    private sealed record InfoAnswer(
        [property: JsonPropertyName("data")] InfoData? Data,
        [property: JsonPropertyName("error")] int Error,
        [property: JsonPropertyName("message")] string? Message);

    private sealed record InfoData([property: JsonPropertyName("number")] string? Number);
}
