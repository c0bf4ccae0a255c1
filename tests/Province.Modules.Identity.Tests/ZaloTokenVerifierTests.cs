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
        using var cache = new ZaloTokenCache();
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
