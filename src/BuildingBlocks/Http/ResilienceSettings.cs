using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Province.BuildingBlocks.Http;

/// <summary>
/// Settings of one external system's resilience pipeline (configuration section <c>{System}:Resilience</c>),
/// applied to the standard pipeline of Microsoft.Extensions.Http.Resilience: a total timeout, retries with
/// jittered exponential backoff on transient failures, a circuit breaker, and a timeout per attempt.
/// </summary>
public sealed class ResilienceSettings
{
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRetryAttempts { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public void ApplyTo(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TotalRequestTimeout.Timeout = TotalTimeout;
        options.AttemptTimeout.Timeout = AttemptTimeout;

        options.Retry.MaxRetryAttempts = MaxRetryAttempts;
        options.Retry.Delay = RetryDelay;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;

        // The package's defaults (10% of 100 calls) suit a busy API; ours see a few calls a minute, so the
        // breaker opens when half of at least 10 calls in the window failed.
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 10;
        // The package refuses a sampling window shorter than two attempt timeouts.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, AttemptTimeout.Ticks * 2));
        options.CircuitBreaker.BreakDuration = BreakDuration;
    }
}
