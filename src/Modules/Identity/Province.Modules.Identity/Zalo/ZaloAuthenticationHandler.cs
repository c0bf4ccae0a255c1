using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Zalo;

/// <summary>
/// Citizens: <c>Authorization: Bearer &lt;Zalo user access token&gt;</c>, verified with Zalo, mapped to
/// the citizen record (created on first sight). There is no sign-up and no password.
/// </summary>
internal sealed class ZaloAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ZaloTokenVerifier verifier,
    CitizenDirectory citizens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request.Headers.Authorization.ToString());
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var zaloUser = await verifier.VerifyAsync(token, Context.RequestAborted);
        if (zaloUser is null)
        {
            return AuthenticateResult.Fail("Zalo refused the access token.");
        }

        var citizen = await citizens.FindOrCreateAsync(zaloUser, Context.RequestAborted);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, citizen.Id.ToString()),
                new Claim(ProvinceClaims.CitizenId, citizen.Id.ToString()),
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

    internal static string? BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
}
