using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Caching;

/// <summary>
/// Short-lived output caching of public reads that many citizens ask at once and that are the same for
/// everyone (the answered-reports feed, the number being served). Only anonymous GETs answered 200 are
/// kept (ASP.NET Core's default policy: a request carrying a token is never served from the cache); each
/// entry is keyed by path and query string and lives a few seconds, and the module that changes the data
/// evicts its tag at once on this instance (other instances catch up when the entry expires). Without
/// the host's output cache, endpoints simply run every time.
/// </summary>
public static class PublicResponseCache
{
    public static TBuilder CachePublicly<TBuilder>(this TBuilder builder, TimeSpan duration, string tag)
        where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(policy => policy.Expire(duration).Tag(tag));

    /// <summary>Drops every cached answer tagged <paramref name="tag"/> on this instance.</summary>
    public static async Task EvictAsync(IServiceProvider services, string tag, CancellationToken cancellationToken)
    {
        if (services.GetService<IOutputCacheStore>() is { } store)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }
}
