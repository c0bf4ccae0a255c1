using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Province.BuildingBlocks.Http;

/// <summary>
/// Resolves a relative base URL of an external system against this host's own listening address.
/// That is the single rule that lets a simulator hosted inside Province stand in for Zalo or the
/// national portal: configuration changes, code does not.
/// </summary>
public sealed class SelfAddress(IServer server)
{
    public Uri Resolve(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"'{url}' is relative but this host has no listening address to resolve it against.");
        var root = own.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');
        return new Uri(root + "/" + url.TrimStart('/'));
    }
}
