using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Identity.Zalo;

/// <summary>
/// Zalo's verdicts on access tokens, keyed by the token's SHA-256 so the token itself is never kept. Its own cache,
/// bounded in entries, so junk tokens cannot grow the host's memory without limit.
/// </summary>
internal sealed class ZaloTokenCache : IDisposable
{
    public const int MaxEntries = 100_000;

    public MemoryCache Verdicts { get; } = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public void Dispose() => Verdicts.Dispose();
}

/// <summary>
/// Verifies a Zalo access token with Zalo and remembers the answer: a good one for
/// <see cref="ZaloOptions.TokenCacheDuration"/>, a refusal for <see cref="ZaloOptions.RefusedTokenCacheDuration"/>
/// (the same junk token sent again is not another call to Zalo). A token not in the cache is sent to Zalo only while
/// the client's address has refusals left (<see cref="CitizenTokenFailures"/>).
/// </summary>
internal sealed class ZaloTokenVerifier(IZaloGraphClient zalo, ZaloTokenCache cache, CitizenTokenFailures failures, IOptions<ZaloOptions> options)
{
    /// <summary>What a refusal is remembered as (a null cannot be told apart from "not cached").</summary>
    private static readonly ZaloUser Refused = new("", null);

    public async Task<ZaloUser?> VerifyAsync(string accessToken, string clientAddress, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
        if (cache.Verdicts.TryGetValue(key, out ZaloUser? known) && known is not null)
        {
            return ReferenceEquals(known, Refused) ? null : known;
        }

        if (!failures.MayTry(clientAddress))
        {
            throw new TooManyRefusedTokensException(CitizenTokenFailures.Window);
        }

        var user = await zalo.GetUserAsync(accessToken, cancellationToken);
        if (user is null)
        {
            failures.Record(clientAddress);
        }

        var lifetime = user is null ? options.Value.RefusedTokenCacheDuration : options.Value.TokenCacheDuration;
        if (lifetime > TimeSpan.Zero)
        {
            cache.Verdicts.Set(key, user ?? Refused, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }

        return user;
    }
}
