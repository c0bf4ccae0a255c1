using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.ZaloMessages.Sending;

/// <summary>
/// The official account's access token for ZNS calls, refreshed through Zalo's OAuth server before it expires.
/// Zalo replaces the refresh token with every refresh (the old one stops working), so the pair lives in the
/// database, encrypted with the host's data-protection keys, where every host instance and every restart finds the
/// latest; a refresh is stored with Marten's version check, and an instance that lost the race reads the winner's.
/// </summary>
internal sealed class OfficialAccountTokens(
    INotificationsStore store,
    IOptions<ZaloMessagesOptions> options,
    IDataProtectionProvider dataProtection,
    TimeProvider clock)
{
    /// <summary>Refresh this long before expiry, so no message goes out with a token about to die.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Province.Notifications.ZaloOfficialAccountToken");
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    /// <summary>
    /// A valid access token; refreshes (through <paramref name="oauth"/>, a client of the caller's scope) when it is
    /// about to expire or when <paramref name="refused"/> is the token Zalo just refused.
    /// </summary>
    public async Task<string> GetAsync(IZaloOAuthApi oauth, string? refused, CancellationToken cancellationToken)
    {
        if (_current is { } current && current.Token != refused && current.ExpiresAt - RefreshMargin > clock.GetUtcNow())
        {
            return current.Token;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.LightweightSession();
            var stored = await session.LoadAsync<ZaloOfficialAccountToken>(ZaloOfficialAccountToken.SingleId, cancellationToken);
            if (stored is not null)
            {
                var token = _protector.Unprotect(stored.ProtectedAccessToken);
                if (token != refused && stored.ExpiresAt - RefreshMargin > clock.GetUtcNow())
                {
                    // Another instance (or an earlier run) refreshed already.
                    _current = (token, stored.ExpiresAt);
                    return token;
                }
            }

            var refreshToken = stored is null ? options.Value.InitialRefreshToken : _protector.Unprotect(stored.ProtectedRefreshToken);
            var answer = await oauth.RefreshAsync(
                options.Value.AppSecret,
                new Dictionary<string, string>
                {
                    ["app_id"] = options.Value.AppId,
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                },
                cancellationToken);
            if (answer is not { Error: 0, AccessToken: { Length: > 0 } accessToken, RefreshToken: { Length: > 0 } newRefreshToken })
            {
                throw new ZaloOfficialAccountException($"Zalo refused to refresh the OA access token ({answer.Error} {answer.ErrorName}).");
            }

            var expiresAt = clock.GetUtcNow().AddSeconds(Math.Max(answer.ExpiresIn, 60));
            var renewed = stored ?? new ZaloOfficialAccountToken { ProtectedAccessToken = "", ProtectedRefreshToken = "" };
            renewed.ProtectedAccessToken = _protector.Protect(accessToken);
            renewed.ProtectedRefreshToken = _protector.Protect(newRefreshToken);
            renewed.ExpiresAt = expiresAt;
            if (stored is null)
            {
                session.Insert(renewed);
            }
            else
            {
                session.Update(renewed);
            }

            // The new refresh token must be kept before anything else happens: the old one is already dead.
            await session.SaveChangesAsync(cancellationToken);
            _current = (accessToken, expiresAt);
            return accessToken;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}

/// <summary>The OA cannot get an access token (refresh token refused or expired): messages wait, an administrator must re-authorize.</summary>
internal sealed class ZaloOfficialAccountException(string message) : Exception(message);
