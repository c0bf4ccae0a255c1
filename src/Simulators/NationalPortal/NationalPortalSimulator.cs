using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.Simulators.NationalPortal;

/// <summary>
/// Speaks the adapter protocol of the national public-service portal (Cổng Dịch vụ công quốc gia, modelled on
/// VietOpenCPS/opencps-v2): <c>POST /auth</c> opens a session, <c>POST /service</c> calls a named service with it
/// (procedure catalog, dossier synchronisation, progress updates, dossier lookup). Every answer is HTTP 200 with an
/// <c>error_code</c>, as the portal answers, except during a simulated outage. Development helpers under
/// <c>/dev</c> show what was received and switch the outage on and off, so tests can check what our adapter sent
/// and how it behaves when the portal is down.
/// </summary>
public static class NationalPortalSimulator
{
    public const string BasePath = "/national-portal-simulator";

    /// <summary>
    /// The portal's field names are exact (<c>error_code</c>, <c>MATTHC</c>, <c>MaHoSo</c>): no naming policy may
    /// rewrite them, and Vietnamese text is written as is rather than as <c>\u</c> escapes so it stays readable.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IServiceCollection AddNationalPortalSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read when first resolved, not now: tests add their configuration after the host registered its services.
        services.AddSingleton(provider => new NationalPortalSimulatorState(
            configuration["NationalPortal:UserName"] ?? "",
            configuration["NationalPortal:Password"] ?? "",
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    public static void MapNationalPortalSimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var simulator = endpoints.MapGroup(BasePath).ExcludeFromDescription().AllowAnonymous();

        simulator.MapPost("/auth", static async (HttpRequest request, NationalPortalSimulatorState state) =>
        {
            var body = await ReadObjectAsync(request);
            if (body is not { } credentials)
            {
                return Reply(PortalReply.BadRequest("Dữ liệu gửi lên không phải là một đối tượng JSON hợp lệ"));
            }

            var session = state.OpenSession(
                PortalJson.GetString(credentials, "username") ?? "",
                PortalJson.GetString(credentials, "password") ?? "");
            return session is null
                ? Reply(PortalReply.Unauthorized("Sai tên đăng nhập hoặc mật khẩu"))
                : Results.Json(
                    new { error_code = PortalReply.SuccessCode, message = PortalReply.SuccessMessage, session, expires_in = NationalPortalSimulatorState.SessionSeconds },
                    Json);
        }).AddEndpointFilter(RefuseDuringOutage);

        simulator.MapPost("/service", static async (HttpRequest request, NationalPortalSimulatorState state) =>
        {
            var body = await ReadObjectAsync(request);
            if (body is not { } call)
            {
                return Reply(PortalReply.BadRequest("Dữ liệu gửi lên không phải là một đối tượng JSON hợp lệ"));
            }

            if (!state.IsSessionValid(PortalJson.GetString(call, "session")))
            {
                return Reply(PortalReply.Unauthorized("Phiên làm việc không hợp lệ hoặc đã hết hạn"));
            }

            return Reply(state.Serve(PortalJson.GetString(call, "service") ?? "", call));
        }).AddEndpointFilter(RefuseDuringOutage);

        // Development helpers: not part of the portal.
        var dev = simulator.MapGroup("/dev");

        dev.MapGet("/received", static (NationalPortalSimulatorState state) => Results.Json(state.ReceivedCalls(), Json));

        dev.MapDelete("/received", static (NationalPortalSimulatorState state) =>
        {
            state.ClearReceived();
            return Results.NoContent();
        });

        dev.MapGet("/dossiers/{maHoSo}", static (string maHoSo, NationalPortalSimulatorState state) =>
            state.LookUpDossier(maHoSo) is { } dossier ? Results.Json(dossier, Json) : Results.NotFound());

        dev.MapPost("/outage", static (OutageRequest body, NationalPortalSimulatorState state) =>
        {
            state.IsDown = body.Down;
            return Results.NoContent();
        });
    }

    private static IResult Reply(PortalReply reply) => Results.Json(reply, Json);

    /// <summary>The request body as a JSON object, or null when it is empty, not JSON, or not an object.</summary>
    private static async Task<JsonElement?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A portal behind a failing gateway answers 503 with nothing in the body; the host's status-code pages
    /// would otherwise add a problem document to it, so they are switched off for this response.
    /// </summary>
    private static async ValueTask<object?> RefuseDuringOutage(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var state = context.HttpContext.RequestServices.GetRequiredService<NationalPortalSimulatorState>();
        if (!state.IsDown)
        {
            return await next(context);
        }

        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record OutageRequest(bool Down);
