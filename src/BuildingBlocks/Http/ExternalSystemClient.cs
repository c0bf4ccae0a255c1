using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Province.BuildingBlocks.Http;

public static class ExternalSystemClient
{
    /// <summary>
    /// Points a client of an external system (Zalo, the national portal) at the base URL of its settings and puts
    /// it behind the standard resilience pipeline configured from those settings. The base address is resolved
    /// when a client is made, because a relative URL (a simulator in this host) needs the host's listening
    /// address, known only once it runs.
    /// <para>
    /// <paramref name="retryInsideCall"/> false keeps the timeouts and the circuit breaker but never repeats a
    /// request: for calls that must not happen twice (a message that may have been delivered although its answer
    /// timed out, a refresh token good for one use), where the caller decides what is safe to try again.
    /// </para>
    /// </summary>
    public static IHttpClientBuilder ForExternalSystem<TOptions>(this IHttpClientBuilder builder, Func<TOptions, string> baseUrl, Func<TOptions, ResilienceSettings> resilience, bool retryInsideCall = true)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SelfAddress>();
        builder
            .ConfigureHttpClient((provider, http) => http.BaseAddress = provider.GetRequiredService<SelfAddress>()
                .Resolve(baseUrl(provider.GetRequiredService<IOptions<TOptions>>().Value).TrimEnd('/')))
            .AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                resilience(provider.GetRequiredService<IOptions<TOptions>>().Value).ApplyTo(options);
                if (!retryInsideCall)
                {
                    options.Retry.ShouldHandle = static _ => PredicateResult.False();
                }
            });
        return builder;
    }
}
