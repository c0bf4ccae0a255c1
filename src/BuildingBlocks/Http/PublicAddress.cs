using Microsoft.Extensions.Configuration;

namespace Province.BuildingBlocks.Http;

/// <summary>
/// Absolute links Province hands out (Open311's media_url, the receipt's QR code) are built from the
/// <c>PublicBaseUrl</c> setting, the address citizens reach the province at, never from the request's Host
/// header: anyone can send any Host, and a link built from it would point a feed's readers at the sender's site.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "PublicBaseUrl";

    /// <summary>The configured public base URL without a trailing slash, or null when the province has not set one.</summary>
    public static Uri? BaseUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Uri.TryCreate(configuration[Setting]?.TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    /// <summary><paramref name="path"/> under <c>PublicBaseUrl</c>; the path alone (a link relative to wherever the reader is) when it is not set.</summary>
    public static string Of(IConfiguration configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BaseUrl(configuration) is { } root ? root.ToString().TrimEnd('/') + "/" + path.TrimStart('/') : path;
    }
}
