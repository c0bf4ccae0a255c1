using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Notifications.ZaloMessages.Sending;

/// <summary>Zalo Notification Service as it goes over the wire (see the shared reference zalo.md).</summary>
internal interface IZaloNotificationApi
{
    /// <summary>Zalo answers 200 with <c>error</c> ≠ 0 when it refuses a message; reading the answer is the sender's job.</summary>
    [Post("/message/template")]
    Task<ZnsAnswer> SendTemplateAsync([Header("access_token")] string officialAccountToken, [Body] ZnsTemplateMessage message, CancellationToken cancellationToken);
}

/// <summary>Zalo's OAuth server: a new OA access token for the refresh token (which Zalo replaces with each answer).</summary>
internal interface IZaloOAuthApi
{
    [Post("/v4/oa/access_token")]
    Task<OAuthTokenAnswer> RefreshAsync([Header("secret_key")] string appSecret, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);
}

internal sealed record ZnsTemplateMessage(
    [property: JsonPropertyName("phone")] string Phone,
    [property: JsonPropertyName("template_id")] string TemplateId,
    [property: JsonPropertyName("template_data")] IReadOnlyDictionary<string, string> TemplateData,
    [property: JsonPropertyName("tracking_id")] string TrackingId);

internal sealed record ZnsAnswer(
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("data")] ZnsAnswerData? Data);

internal sealed record ZnsAnswerData([property: JsonPropertyName("msg_id")] string? MessageId);

internal sealed record OAuthTokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    // Zalo sends the lifetime in seconds as a string ("90000").
    [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ExpiresIn,
    [property: JsonPropertyName("error")] int Error,
    [property: JsonPropertyName("error_name")] string? ErrorName);

internal static class ZaloBusinessApiRegistration
{
    public static IServiceCollection AddZaloBusinessApis(this IServiceCollection services)
    {
        // Source-generated clients (Refit 16's reflection builder comes from a package not served here).
        // Timeouts and a circuit breaker, but no retry inside the call: a template message whose request timed out may
        // have reached Zalo, and a refresh token is good for one use. The sender decides what to try again.
        services.AddRefitGeneratedClient<IZaloNotificationApi>()
            .ForExternalSystem<ZaloMessagesOptions>(options => options.ZnsBaseUrl, options => options.Resilience, retryInsideCall: false);
        services.AddRefitGeneratedClient<IZaloOAuthApi>()
            .ForExternalSystem<ZaloMessagesOptions>(options => options.OAuthBaseUrl, options => options.Resilience, retryInsideCall: false);
        return services;
    }
}
