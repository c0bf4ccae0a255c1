using System.Security.Claims;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Who holds this Zalo user access token: the citizen record it maps to, or null when Zalo refuses the token.
/// The host asks this of whichever module answers it (Identity: it verifies the token with Zalo and creates the
/// citizen record on first sight); a province running a module without Identity answers it itself. Every module
/// with citizen endpoints lists it among its required requests, so a host that cannot answer it does not start.
/// </summary>
public sealed record AuthenticateCitizen(string AccessToken) : IRequest<AuthenticatedCitizen?>;

public sealed record AuthenticatedCitizen(Guid CitizenId, string ZaloId);

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
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ZaloAccessToken.FromAuthorizationHeader(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var citizen = await mediator.Send(new AuthenticateCitizen(token), Context.RequestAborted);
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

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
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
