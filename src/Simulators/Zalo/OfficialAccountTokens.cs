using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Province.Simulators.Zalo;

/// <summary>
/// The official account's tokens as Zalo's OAuth server issues them: an access token that expires, and a refresh
/// token that buys the next pair once. Tokens are signed with the app secret and carry their expiry, so they stay
/// valid when the simulator restarts with its host (Province keeps the latest refresh token in its database);
/// "used once" is remembered in memory only.
/// </summary>
internal sealed class OfficialAccountTokens(string appSecret, string initialRefreshToken, TimeSpan accessTokenLifetime)
{
    public const string DefaultInitialRefreshToken = "simulator-oa-initial-refresh-token";

    /// <summary>ZNS's error code for an OA access token it does not accept.</summary>
    public const int InvalidAccessToken = -124;

    private readonly ConcurrentDictionary<string, bool> _usedRefreshTokens = new(StringComparer.Ordinal);
    private long _revokedBefore;

    public sealed record Issued(string AccessToken, string RefreshToken, long ExpiresIn);

    public Issued? Refresh(string grantType, string refreshToken)
    {
        var valid = grantType == "refresh_token"
            && (refreshToken == initialRefreshToken || Verify(refreshToken, "refresh") is not null)
            && _usedRefreshTokens.TryAdd(refreshToken, true);
        if (!valid)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        return new Issued(
            Sign("access", now.Add(accessTokenLifetime)),
            Sign("refresh", now.AddDays(90)),
            (long)accessTokenLifetime.TotalSeconds);
    }

    public bool IsValidAccessToken(string token) =>
        Verify(token, "access") is { } issuedAt && issuedAt > Interlocked.Read(ref _revokedBefore);

    public void RevokeAccessTokens() => Interlocked.Exchange(ref _revokedBefore, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary><c>kind.issuedMs.expiresMs.nonce.signature</c>.</summary>
    private string Sign(string kind, DateTimeOffset expires)
    {
        var body = string.Join('.', kind, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        return body + "." + Mac(body);
    }

    /// <summary>When the token was issued, if it is ours, of <paramref name="kind"/>, and not expired.</summary>
    private long? Verify(string token, string kind)
    {
        var parts = token.Split('.');
        if (parts.Length != 5 || parts[0] != kind
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(string.Join('.', parts[..4])));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[4]))
            && expires > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() ? issued : null;
    }

    private string Mac(string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("oa:" + appSecret), Encoding.UTF8.GetBytes(body)));
}
