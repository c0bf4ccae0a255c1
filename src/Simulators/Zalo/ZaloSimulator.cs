using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.Simulators.Zalo;

/// <summary>
/// Speaks the parts of Zalo's protocol Province uses (Graph API <c>/v2.0/me</c> and <c>/v2.0/me/info</c>,
/// ZNS <c>/message/template</c>) at <c>/zalo-simulator/graph</c> and <c>/zalo-simulator/business</c>,
/// plus development helpers under <c>/zalo-simulator/dev</c> that mint tokens the way the mini app
/// would get them from zmp-sdk. Tokens it did not mint are refused exactly as Zalo refuses them.
/// </summary>
public static class ZaloSimulator
{
    public const string BasePath = "/zalo-simulator";

    /// <summary>Zalo's error code for an access token it does not accept.</summary>
    internal const int InvalidAccessToken = 452;

    public static IServiceCollection AddZaloSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ZaloSimulatorState(configuration["Zalo:AppSecret"] ?? ""));
        return services;
    }

    public static void MapZaloSimulator(this IEndpointRouteBuilder endpoints)
    {
        var simulator = endpoints.MapGroup(BasePath).ExcludeFromDescription().AllowAnonymous();

        simulator.MapGet("/graph/v2.0/me", (HttpRequest request, ZaloSimulatorState state) =>
        {
            Interlocked.Increment(ref state.MeCalls);
            return state.Users.TryGetValue(request.Headers["access_token"].ToString(), out var user)
                ? Results.Json(new { id = user.Id, name = user.Name, picture = new { data = new { url = $"https://s120-ava-talk.zadn.vn/demo/{user.Id}.jpg" } } })
                : Results.Json(new { error = InvalidAccessToken, message = "Access token is invalid" });
        });

        simulator.MapGet("/graph/v2.0/me/info", (HttpRequest request, ZaloSimulatorState state) =>
        {
            if (!state.Users.TryGetValue(request.Headers["access_token"].ToString(), out var user))
            {
                return Results.Json(new { error = InvalidAccessToken, message = "Access token is invalid" });
            }

            if (!CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(request.Headers["secret_key"].ToString()),
                    System.Text.Encoding.UTF8.GetBytes(state.AppSecret)))
            {
                return Results.Json(new { error = -501, message = "Invalid secret key" });
            }

            return state.PhoneTokens.TryRemove(request.Headers["code"].ToString(), out var phone) && phone.UserId == user.Id
                ? Results.Json(new { data = new { number = phone.Number }, error = 0, message = "Success" })
                : Results.Json(new { error = -502, message = "Invalid or expired code" });
        });

        simulator.MapPost("/business/message/template", async (HttpRequest request, ZaloSimulatorState state) =>
        {
            var message = await JsonSerializer.DeserializeAsync<TemplateMessage>(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (message is null || string.IsNullOrEmpty(message.Phone) || string.IsNullOrEmpty(message.TemplateId))
            {
                return Results.Json(new { error = -108, message = "Invalid parameter" });
            }

            var id = Guid.NewGuid().ToString("N");
            state.Messages.Enqueue(message with { MessageId = id });
            return Results.Json(new
            {
                error = 0,
                message = "Success",
                data = new { msg_id = id, sent_time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        });

        // Development helpers: what zmp-sdk's getAccessToken() and getPhoneNumber() give the mini app inside Zalo.
        simulator.MapPost("/dev/access-tokens", (MintTokenRequest? body, ZaloSimulatorState state) =>
        {
            var user = state.DemoUser(body?.UserId, body?.Name);
            var token = RandomToken();
            state.Users[token] = user;
            return Results.Json(new { accessToken = token, userId = user.Id, name = user.Name });
        });

        simulator.MapPost("/dev/phone-tokens", (MintPhoneTokenRequest body, ZaloSimulatorState state) =>
        {
            if (!state.Users.TryGetValue(body.AccessToken ?? "", out var user))
            {
                return Results.Json(new { error = InvalidAccessToken, message = "Access token is invalid" }, statusCode: 400);
            }

            var code = RandomToken();
            state.PhoneTokens[code] = new PhoneToken(user.Id, body.Number ?? user.Number);
            return Results.Json(new { token = code });
        });

        simulator.MapGet("/dev/messages", (ZaloSimulatorState state) => Results.Json(state.Messages.ToArray()));

        // How many times Province asked Zalo who holds a token (tests check that junk tokens do not reach Zalo).
        simulator.MapGet("/dev/graph-calls", (ZaloSimulatorState state) => Results.Json(new { me = Volatile.Read(ref state.MeCalls) }));
    }

    private static string RandomToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed record SimulatedUser(string Id, string Name, string Number);

internal sealed record PhoneToken(string UserId, string Number);

internal sealed record MintTokenRequest(string? UserId, string? Name);

internal sealed record MintPhoneTokenRequest(string? AccessToken, string? Number);

internal sealed record TemplateMessage(
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("template_id")] string? TemplateId,
    [property: JsonPropertyName("template_data")] Dictionary<string, string>? TemplateData,
    [property: JsonPropertyName("tracking_id")] string? TrackingId,
    [property: JsonPropertyName("msg_id")] string? MessageId = null);

internal sealed class ZaloSimulatorState(string appSecret)
{
    /// <summary>The demo citizen a newcomer signs in as when they name nobody.</summary>
    private static readonly SimulatedUser DefaultUser = new("5800000000000000001", "Nguyễn Văn An", "84912345678");

    public string AppSecret => appSecret;

    public ConcurrentDictionary<string, SimulatedUser> Users { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, PhoneToken> PhoneTokens { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<TemplateMessage> Messages { get; } = new();

    /// <summary>Calls of <c>/v2.0/me</c> received (a field: incremented with Interlocked).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051:Do not declare visible instance fields", Justification = "Interlocked needs a field.")]
    public int MeCalls;

    public SimulatedUser DemoUser(string? userId, string? name)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return DefaultUser;
        }

        // A stable fake number per user id, so each demo citizen keeps theirs.
        var hash = BitConverter.ToUInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)), 0);
        var digits = (hash % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return new SimulatedUser(userId, name ?? "Công dân thử nghiệm", "849" + digits);
    }
}
