using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// Refused Zalo tokens per client address: past <c>RateLimiting:FailedCitizenTokensPerMinute</c> (20) in a minute,
/// that address's new tokens are not sent to Zalo any more until the minute ends (429 with Retry-After), so junk
/// tokens from one caller cannot turn into as many calls to Zalo. Tokens already verified keep working (the answer to
/// <see cref="AuthenticateCitizen"/> checks its cache first): citizens behind the same carrier NAT as an attacker are
/// not locked out. Idle addresses are forgotten by the limiter itself.
/// </summary>
public sealed class CitizenTokenFailures : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public CitizenTokenFailures(IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:FailedCitizenTokensPerMinute", 20);
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 }));
    }

    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>True while <paramref name="address"/> still has refusals left in this minute.</summary>
    public bool MayTry(string address)
    {
        using var lease = _failures.AttemptAcquire(address, permitCount: 0);
        return lease.IsAcquired;
    }

    /// <summary>Counts one refused token of <paramref name="address"/>.</summary>
    public void Record(string address) => _failures.AttemptAcquire(address).Dispose();

    public void Dispose() => _failures.Dispose();
}
