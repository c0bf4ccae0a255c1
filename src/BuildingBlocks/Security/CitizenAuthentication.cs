using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Who holds this Zalo user access token: the citizen record it maps to, or null when Zalo refuses the token.
/// The host asks this of whichever module answers it (Identity: it verifies the token with Zalo and creates the
/// citizen record on first sight); a province running a module without Identity answers it itself. Every module
/// with citizen endpoints lists it among its required requests, so a host that cannot answer it does not start.
/// An answer may throw <see cref="TooManyRefusedTokensException"/> when <paramref name="ClientAddress"/> has sent too
/// many refused tokens (<see cref="CitizenTokenFailures"/>): the caller gets 429.
/// </summary>
public sealed record AuthenticateCitizen(string AccessToken, string ClientAddress) : IRequest<AuthenticatedCitizen?>;

public sealed record AuthenticatedCitizen(Guid CitizenId, string ZaloId);

/// <summary>The client address is over its budget of refused tokens; its new tokens are not checked for a while.</summary>
public sealed class TooManyRefusedTokensException(TimeSpan retryAfter)
    : Exception("Too many refused access tokens from this client address.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Citizens: <c>Authorization: Bearer &lt;Zalo user access token&gt;</c>, answered by <see cref="AuthenticateCitizen"/>.
/// There is no sign-up and no password.
/// </summary>
internal sealed class CitizenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMediator mediator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string ThrottledKey = "province:citizen-token-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ZaloAccessToken.FromAuthorizationHeader(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!BearerTokenSyntax.IsWellFormed(token))
        {
            // Not a token at all: refused without asking anyone (and without counting against Zalo's circuit breaker).
            return AuthenticateResult.Fail("The access token is malformed.");
        }

        AuthenticatedCitizen? citizen;
        try
        {
            citizen = await mediator.Send(new AuthenticateCitizen(token, Context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), Context.RequestAborted);
        }
        catch (TooManyRefusedTokensException throttled)
        {
            Context.Items[ThrottledKey] = throttled.RetryAfter;
            return AuthenticateResult.Fail(throttled.Message);
        }

        if (citizen is null)
        {
            return AuthenticateResult.Fail("Zalo refused the access token.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, citizen.CitizenId.ToString()),
                new Claim(ProvinceClaims.CitizenId, citizen.CitizenId.ToString()),
                new Claim(ProvinceClaims.ZaloId, citizen.ZaloId),
                new Claim(ClaimTypes.Role, ProvinceRoles.Citizen),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan retryAfter)
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Create(StatusCodes.Status429TooManyRequests, "auth.too_many_refused_tokens", "Quá nhiều yêu cầu",
                    $"Có quá nhiều mã đăng nhập Zalo không hợp lệ gửi từ địa chỉ này. Vui lòng mở lại ứng dụng sau {seconds} giây.")
                .ExecuteAsync(Context);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750: a presented token that is refused is "invalid_token"; no token at all gets the bare challenge.
        Response.Headers.Append(HeaderNames.WWWAuthenticate, Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
}

public static class ZaloAccessToken
{
    /// <summary>The token of an <c>Authorization: Bearer ...</c> header, or null when there is none.</summary>
    public static string? FromAuthorizationHeader(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
}
