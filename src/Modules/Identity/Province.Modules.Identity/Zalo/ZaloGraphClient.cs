using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Http;
using Refit;

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

/// <summary>
/// Zalo's Graph API calls as they go over the wire (Refit generates the client; the base address is
/// <see cref="ZaloOptions.GraphBaseUrl"/>). Zalo reports a refusal as 200 with an <c>error</c> code in the body,
/// so reading the answers is <see cref="ZaloGraphClient"/>'s job.
/// </summary>
internal interface IZaloGraphApi
{
    [Get("/v2.0/me?fields=id,name,picture")]
    Task<ZaloMeAnswer?> GetMeAsync([Header("access_token")] string accessToken, CancellationToken cancellationToken);

    [Get("/v2.0/me/info")]
    Task<ZaloPhoneAnswer?> GetPhoneNumberAsync(
        [Header("access_token")] string accessToken,
        [Header("code")] string phoneToken,
        [Header("secret_key")] string appSecret,
        CancellationToken cancellationToken);
}

internal sealed record ZaloMeAnswer(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record ZaloPhoneAnswer(
    [property: JsonPropertyName("data")] ZaloPhoneData? Data,
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record ZaloPhoneData([property: JsonPropertyName("number")] string? Number);

/// <summary>Reads Zalo's answers, and turns a Zalo that cannot answer into <see cref="DependencyUnavailableException"/> (503 with Retry-After).</summary>
internal sealed class ZaloGraphClient(IZaloGraphApi api, IOptions<ZaloOptions> options) : IZaloGraphClient
{
    private const string Dependency = "Zalo";

    public async Task<ZaloUser?> GetUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(() => api.GetMeAsync(accessToken, cancellationToken));
        return answer is { Error: 0, Id: { Length: > 0 } id } ? new ZaloUser(id, answer.Name) : null;
    }

    public async Task<string?> GetPhoneNumberAsync(string accessToken, string phoneToken, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(() => api.GetPhoneNumberAsync(accessToken, phoneToken, options.Value.AppSecret, cancellationToken));
        return answer is { Error: 0, Data.Number: { Length: > 0 } number } ? number : null;
    }

    private static async Task<T?> CallAsync<T>(Func<Task<T?>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (ApiException exception) when ((int)exception.StatusCode >= 500)
        {
            // Zalo itself said it is failing (after the pipeline's retries): it usually recovers quickly.
            throw new DependencyUnavailableException(Dependency, TimeSpan.FromSeconds(10), exception);
        }
        catch (ApiException exception)
        {
            // An error code in a JSON body is Zalo's answer whatever the status; anything else is its fault.
            return await ReadAnswerAsync<T>(exception)
                ?? throw new DependencyUnavailableException(Dependency, TimeSpan.FromSeconds(15), exception);
        }
        catch (Exception exception) when (ExternalCallFailures.MeanUnavailable(exception))
        {
            throw new DependencyUnavailableException(Dependency, TimeSpan.FromSeconds(15), exception);
        }
    }

    private static async Task<T?> ReadAnswerAsync<T>(ApiException exception)
        where T : class
    {
        try
        {
            return await exception.GetContentAsAsync<T>();
        }
        catch (Exception unreadable) when (unreadable is JsonException or ApiException)
        {
            return default;
        }
    }
}
