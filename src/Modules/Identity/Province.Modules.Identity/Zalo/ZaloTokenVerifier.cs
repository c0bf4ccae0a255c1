using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Province.Modules.Identity.Zalo;

/// <summary>
/// Verifies a Zalo access token with Zalo and remembers a good answer for a few minutes, keyed by
/// the token's SHA-256 so the token itself is never kept or logged. Refusals are not cached.
/// </summary>
internal sealed class ZaloTokenVerifier(IZaloGraphClient zalo, IMemoryCache cache, IOptions<ZaloOptions> options)
{
    public async Task<ZaloUser?> VerifyAsync(string accessToken, CancellationToken cancellationToken)
    {
        var key = "zalo-token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
        if (cache.TryGetValue(key, out ZaloUser? known))
        {
            return known;
        }

        var user = await zalo.GetUserAsync(accessToken, cancellationToken);
        if (user is not null)
        {
            cache.Set(key, user, options.Value.TokenCacheDuration);
        }

        return user;
    }
}
