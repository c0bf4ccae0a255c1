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
        services.AddSingleton(new ZaloSimulatorState(
            configuration["Zalo:AppSecret"] ?? "",
            new OfficialAccountTokens(
                configuration["Zalo:AppSecret"] ?? "",
                configuration["Zalo:Simulator:OaRefreshToken"] ?? OfficialAccountTokens.DefaultInitialRefreshToken,
                configuration.GetValue("Zalo:Simulator:OaAccessTokenLifetime", TimeSpan.FromHours(25)))));
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
            var failure = state.NextFailure();
            if (failure is not null)
            {
                if (failure.Mode == "unavailable")
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                if (failure.Mode == "error")
                {
                    return Results.Json(new { error = failure.Error, message = "Simulated failure" });
                }
            }

            if (!state.OfficialAccount.IsValidAccessToken(request.Headers["access_token"].ToString()))
            {
                return Results.Json(new { error = OfficialAccountTokens.InvalidAccessToken, message = "Access token is invalid" });
            }

            var message = await JsonSerializer.DeserializeAsync<TemplateMessage>(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (message is null || string.IsNullOrEmpty(message.Phone) || string.IsNullOrEmpty(message.TemplateId))
            {
                return Results.Json(new { error = -108, message = "Invalid parameter" });
            }

            if (message.TemplateData is { Count: > 10 })
            {
                return Results.Json(new { error = -112, message = "Template data is invalid: at most 10 parameters" });
            }

            var id = Guid.NewGuid().ToString("N");
            state.Messages.Enqueue(message with { MessageId = id, ReceivedAt = DateTimeOffset.UtcNow });
            if (failure is { Mode: "slow" })
            {
                // Zalo has the message; its answer comes late (or never reaches a sender that died meanwhile).
                await Task.Delay(failure.DelayMs, CancellationToken.None);
            }
            return Results.Json(new
            {
                error = 0,
                message = "Success",
                data = new { msg_id = id, sent_time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        });

        // Zalo's OAuth server: a refresh token (the province's initial one, or one this simulator issued) buys a new
        // OA access token and a new refresh token; a refresh token works once, as at Zalo.
        simulator.MapPost("/oauth/v4/oa/access_token", async (HttpRequest request, ZaloSimulatorState state) =>
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            if (!CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(request.Headers["secret_key"].ToString()),
                    System.Text.Encoding.UTF8.GetBytes(state.AppSecret)))
            {
                return Results.Json(new { error = -14002, error_name = "Invalid secret key" });
            }

            return state.OfficialAccount.Refresh(form["grant_type"].ToString(), form["refresh_token"].ToString()) is { } issued
                ? Results.Json(new { access_token = issued.AccessToken, refresh_token = issued.RefreshToken, expires_in = issued.ExpiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                : Results.Json(new { error = -14014, error_name = "Invalid refresh token" });
        });

        // Failures on demand: the next Count ZNS calls answer 503 ("unavailable"), a ZNS error code ("error"), or are
        // accepted and answered DelayMs late ("slow"); a test of retries, refusals and interrupted sends sets them.
        simulator.MapPost("/dev/zns/failures", (SimulatedFailure failure, ZaloSimulatorState state) =>
        {
            state.SetFailures(failure);
            return Results.NoContent();
        });

        // Every OA access token issued so far stops working (as when the province re-authorizes the OA).
        simulator.MapPost("/dev/oa/revocation", (ZaloSimulatorState state) =>
        {
            state.OfficialAccount.RevokeAccessTokens();
            return Results.NoContent();
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
    [property: JsonPropertyName("msg_id")] string? MessageId = null,
    [property: JsonPropertyName("received_at")] DateTimeOffset? ReceivedAt = null);

internal sealed record SimulatedFailure(string Mode, int Count, int Error = -100, int DelayMs = 0);

internal sealed class ZaloSimulatorState(string appSecret, OfficialAccountTokens officialAccount)
{
    private readonly Lock _failuresLock = new();
    private SimulatedFailure? _failure;
    private int _failuresLeft;

    public OfficialAccountTokens OfficialAccount => officialAccount;

    public void SetFailures(SimulatedFailure failure)
    {
        lock (_failuresLock)
        {
            _failure = failure;
            _failuresLeft = failure.Count;
        }
    }

    /// <summary>The failure this call must show, if any are left.</summary>
    public SimulatedFailure? NextFailure()
    {
        lock (_failuresLock)
        {
            if (_failuresLeft <= 0)
            {
                return null;
            }

            _failuresLeft--;
            return _failure;
        }
    }

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
