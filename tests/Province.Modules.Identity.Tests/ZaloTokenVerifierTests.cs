using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity.Tests;

/// <summary>Zalo is asked once per token per cache period, refusals included (a shorter one).</summary>
public sealed class ZaloTokenVerifierTests
{
    [Fact]
    public async Task A_verified_or_refused_token_is_not_sent_to_Zalo_again_within_its_cache_period()
    {
        var zalo = new CountingZalo();
        var cache = new ZaloTokenCache();
        using var failures = new CitizenTokenFailures(new ConfigurationBuilder().Build());
        var verifier = new ZaloTokenVerifier(zalo, cache, failures, Options.Create(new ZaloOptions { TokenCacheDuration = TimeSpan.FromMinutes(5) }));

        var first = await verifier.VerifyAsync("good-token", "10.0.0.1", CancellationToken.None);
        var second = await verifier.VerifyAsync("good-token", "10.0.0.1", CancellationToken.None);
        var refused = await verifier.VerifyAsync("bad-token", "10.0.0.1", CancellationToken.None);
        await verifier.VerifyAsync("bad-token", "10.0.0.1", CancellationToken.None);

        Assert.Equal("zalo-1", first?.Id);
        Assert.Equal(first, second);
        Assert.Null(refused);
        Assert.Equal(1, zalo.Calls["good-token"]);
        Assert.Equal(1, zalo.Calls["bad-token"]);
    }

    [Theory]
    [InlineData("good-token")]
    [InlineData("mã-truy-cập-có-dấu-tiếng-Việt")]
    [InlineData(null)]
    public void A_tokens_cache_key_is_its_SHA_256_whatever_its_length(string? token)
    {
        // null stands for a token longer than the stack buffer (1,024 bytes): hashed from a pooled array instead.
        token ??= string.Concat(Enumerable.Repeat("Zalo-token-Đắk-Lắk-", 120));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

        var digest = TokenDigest.Of(token);

        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected), digest.First);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(8)), digest.Second);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(16)), digest.Third);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(expected.AsSpan(24)), digest.Fourth);
        Assert.Equal(digest, TokenDigest.Of(new string(token.AsSpan())));
        Assert.NotEqual(digest, TokenDigest.Of(token + "x"));
    }

    private sealed class CountingZalo : IZaloGraphClient
    {
        public Dictionary<string, int> Calls { get; } = [];

        public Task<ZaloUser?> GetUserAsync(string accessToken, CancellationToken cancellationToken)
        {
            Calls[accessToken] = Calls.GetValueOrDefault(accessToken) + 1;
            return Task.FromResult(accessToken == "good-token" ? new ZaloUser("zalo-1", "An") : null);
        }

        public Task<string?> GetPhoneNumberAsync(string accessToken, string phoneToken, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(null);
    }
}
