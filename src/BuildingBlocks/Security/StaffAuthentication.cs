using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Province.BuildingBlocks.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Is this staff sign-in still good: the session exists, was not signed out or revoked, has not expired, and its
/// staff member is still active. Asked by the host's staff scheme (answered by Identity in Province), so a
/// deactivated account or a signed-out token stops working within <see cref="StaffSessions.RecheckAfter"/>,
/// instead of at the token's expiry.
/// </summary>
public sealed record ValidateStaffSession(Guid StaffId, Guid SessionId) : IRequest<bool>;

/// <summary>
/// The answers to <see cref="ValidateStaffSession"/>, kept a few seconds (the check runs on every staff request)
/// in a cache bounded in entries. A revocation on this instance is seen at once (<see cref="Forget"/>); other
/// instances see it within <see cref="RecheckAfter"/>. Beside them, the tokens read in the last
/// <see cref="RecheckAfter"/>: reading a token is a data-protection key derivation, a decryption and a MAC (6-9% of
/// a staff request's CPU in the officer queue's profile, docs/decisions.md ADR 24) that gives the same ticket every time.
/// </summary>
public sealed class StaffSessions(IConfiguration configuration)
{
    /// <summary>What a valid session is remembered as: the key says it all.</summary>
    private static readonly object Valid = new();

    private readonly BoundedCache<Guid, object> _valid = new(50_000);

    private readonly BoundedCache<string, AuthenticationTicket> _tokens = new(10_000);

    public TimeSpan RecheckAfter { get; } = configuration.GetValue("Authentication:StaffSessionRecheck", TimeSpan.FromSeconds(10));

    internal bool IsKnownValid(Guid sessionId) => _valid.TryGet(sessionId, out _);

    internal void RememberValid(Guid sessionId)
    {
        if (RecheckAfter > TimeSpan.Zero)
        {
            _valid.Remember(sessionId, Valid, RecheckAfter);
        }
    }

    /// <summary>The ticket <paramref name="token"/> was read as, while it is remembered and not expired at <paramref name="now"/>.</summary>
    internal bool TryGetReadToken(string token, DateTimeOffset now, [NotNullWhen(true)] out AuthenticationTicket? ticket)
    {
        if (_tokens.TryGet(token, out var read) && read.Properties.ExpiresUtc is { } expires && expires > now)
        {
            ticket = read;
            return true;
        }

        ticket = null;
        return false;
    }

    /// <summary>Remembers what <paramref name="token"/> was read as, never past its own expiry.</summary>
    internal void RememberReadToken(string token, AuthenticationTicket ticket, DateTimeOffset now)
    {
        if (RecheckAfter > TimeSpan.Zero && ticket.Properties.ExpiresUtc is { } expires && expires > now)
        {
            var keep = expires - now < RecheckAfter ? expires - now : RecheckAfter;
            _tokens.Remember(token, ticket, keep);
        }
    }

    /// <summary>Forgets a session this instance knew as valid (sign-out, revocation).</summary>
    public void Forget(Guid sessionId) => _valid.Forget(sessionId);
}

/// <summary>
/// The staff scheme: the bearer token (ASP.NET Core's, protected by data protection, read by the inner
/// <see cref="ProvinceSchemes.StaffToken"/> scheme) proves who signed in; <see cref="ValidateStaffSession"/> proves
/// the sign-in still stands. Sign-in goes through to the inner scheme, which writes the token.
/// </summary>
internal sealed class StaffAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMediator mediator,
    StaffSessions sessions) : SignInAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // A token read in the last seconds is not decrypted again; its session is still checked below. Each request gets
        // its own copy of the principal (code downstream may add to it).
        var now = TimeProvider.GetUtcNow();
        var bearer = BearerToken(Request.Headers.Authorization.ToString());
        if (bearer is null || !sessions.TryGetReadToken(bearer, now, out var ticket))
        {
            var token = await Context.AuthenticateAsync(ProvinceSchemes.StaffToken);
            if (!token.Succeeded)
            {
                return token.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(token.Failure ?? new InvalidOperationException("Staff token refused."));
            }

            ticket = token.Ticket;
            if (bearer is not null)
            {
                sessions.RememberReadToken(bearer, ticket, now);
            }
        }

        var user = ticket.Principal.Clone();
        if (!Guid.TryParse(user.FindFirst(ProvinceClaims.StaffId)?.Value, out var staffId)
            || !Guid.TryParse(user.FindFirst(ProvinceClaims.SessionId)?.Value, out var sessionId))
        {
            // A token issued before sessions existed, or not by a staff sign-in.
            return AuthenticateResult.Fail("The staff token names no session.");
        }

        if (!sessions.IsKnownValid(sessionId))
        {
            if (!await mediator.Send(new ValidateStaffSession(staffId, sessionId), Context.RequestAborted))
            {
                return AuthenticateResult.Fail("The staff session was signed out, revoked or expired, or the account is inactive.");
            }

            sessions.RememberValid(sessionId);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(user, ticket.Properties.Clone(), Scheme.Name));
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, as the bearer token handler reads it.</summary>
    private static string? BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;

    protected override Task HandleSignInAsync(System.Security.Claims.ClaimsPrincipal user, AuthenticationProperties? properties) =>
        Context.SignInAsync(ProvinceSchemes.StaffToken, user, properties);

    protected override Task HandleSignOutAsync(AuthenticationProperties? properties) => Task.CompletedTask;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(ProvinceSchemes.StaffToken, properties);
}
