using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Province.BuildingBlocks.Http;

/// <summary>
/// Runs every call of a typed HttpClient through a Polly 8 pipeline: a total timeout, retries with
/// jittered backoff on transient failures, a circuit breaker, and a timeout per attempt.
/// (Microsoft.Extensions.Http.Resilience, which would do this, is not installable here.)
/// </summary>
public sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken);
}

/// <summary>Settings of one external system's pipeline (configuration section <c>{System}:Resilience</c>).</summary>
public sealed class ResilienceSettings
{
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRetryAttempts { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public ResiliencePipeline<HttpResponseMessage> Build()
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests);

        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = MaxRetryAttempts,
                Delay = RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = BreakDuration,
            })
            .AddTimeout(AttemptTimeout)
            .Build();
    }
}
