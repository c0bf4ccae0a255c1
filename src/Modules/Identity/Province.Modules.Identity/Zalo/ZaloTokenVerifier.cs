using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Province.BuildingBlocks.Caching;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Identity.Zalo;

/// <summary>
/// Zalo's verdicts on access tokens, keyed by the token's SHA-256 (<see cref="TokenDigest"/>) so the token itself is never
/// kept. Its own cache, bounded in entries, so junk tokens cannot grow the host's memory without limit.
/// </summary>
internal sealed class ZaloTokenCache() : BoundedCache<TokenDigest, ZaloUser>(MaxEntries)
{
    public const int MaxEntries = 100_000;
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
        var key = TokenDigest.Of(accessToken);
        if (cache.TryGet(key, out var known))
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
            cache.Remember(key, user ?? Refused, lifetime);
        }

        return user;
    }
}

/// <summary>
/// A token's SHA-256 as four numbers: the verdict cache's key. Its 64-character hex text had been a 150-byte string kept
/// for every citizen signed in within the cache's five minutes, and three arrays made on every request (issue 17); this
/// is a 48-byte key, and hashing needs no array for a token of up to 1,024 bytes.
/// </summary>
internal readonly record struct TokenDigest(ulong First, ulong Second, ulong Third, ulong Fourth)
{
    private const int StackLimit = 1024;

    public static TokenDigest Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackLimit];
            var written = Encoding.UTF8.GetBytes(token, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..written], hash);
            // The token's bytes are a credential: not left on the stack or in a shared pool.
            CryptographicOperations.ZeroMemory(utf8[..written]);
            return new TokenDigest(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
