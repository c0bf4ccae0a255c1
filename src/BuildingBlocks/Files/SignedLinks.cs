using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Http;

namespace Province.BuildingBlocks.Files;

/// <summary>
/// Short-lived signed links for what a browser opens without headers (an <c>&lt;img&gt;</c>, a receipt, a QR code,
/// a result file): <c>/path?expires=UNIX&amp;signature=HMAC</c>. The signature covers the path and the expiry, so a
/// link opens one file until it expires and cannot be edited into another; a bearer token never travels in a URL
/// (it would land in logs, proxies and the browser's history). Whoever holds the link can open the file until it
/// expires, so links are handed only to someone allowed to see the file, and live minutes, not days.
/// <para>
/// The key is <c>Files:LinkSigningKey</c> (at least 32 characters; every host instance of a province shares it).
/// Without it a random key is made per process: links then stop working when the host restarts, which is fine on a
/// developer's machine and wrong for a province running several instances.
/// </para>
/// <para>
/// A host mounted under a path base (<c>/province/api/...</c> through a proxy or <c>UsePathBase</c>) signs and checks
/// <c>PathBase + Path</c>, the path the browser actually asks for: the link made while answering a request carries that
/// request's path base, and a link signed under one base does not open under another.
/// </para>
/// </summary>
public sealed class SignedLinks
{
    public const string ExpiresParameter = "expires";
    public const string SignatureParameter = "signature";
    public const string KeySetting = "Files:LinkSigningKey";

    /// <summary>Long enough to open a screen's pictures and a download, short enough that a leaked link soon dies.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly IConfiguration _configuration;
    private readonly IHttpContextAccessor? _http;

    public SignedLinks(IConfiguration configuration, TimeProvider clock, IHttpContextAccessor? http = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[KeySetting];
        if (configured is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException($"{KeySetting} must be at least 32 characters long.");
        }

        _key = configured is { Length: >= 32 } ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        _clock = clock;
        _configuration = configuration;
        _http = http;
    }

    /// <summary>
    /// A link to <paramref name="path"/> (an absolute path of this host, e.g. <c>/api/dossiers/…/files/…/content</c>)
    /// valid for <paramref name="lifetime"/>, under the path base of the request being answered (if any); absolute
    /// under <c>PublicBaseUrl</c> when it is set, because the mini app runs on Zalo's origin and cannot resolve a
    /// relative link against ours.
    /// </summary>
    public string Create(string path, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException("A signed link is made for an absolute path without a query.", nameof(path));
        }

        path = _http?.HttpContext?.Request.PathBase.Add(new PathString(path)).Value ?? path;
        var expires = _clock.GetUtcNow().Add(lifetime ?? DefaultLifetime).ToUnixTimeSeconds();
        var signed = $"{path}?{ExpiresParameter}={expires.ToString(CultureInfo.InvariantCulture)}&{SignatureParameter}={Sign(path, expires)}";
        return PublicAddress.Of(_configuration, signed);
    }

    /// <summary>Whether a request's path (its path base included) carries a valid, unexpired signature.</summary>
    public SignedLinkCheck Check(string path, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature))
        {
            return SignedLinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(path, expiresAt));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return SignedLinkCheck.Invalid;
        }

        return _clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? SignedLinkCheck.Expired : SignedLinkCheck.Valid;
    }

    private string Sign(string path, long expires)
    {
        var message = Encoding.UTF8.GetBytes($"{path}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        return Base64Url(HMACSHA256.HashData(_key, message));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum SignedLinkCheck
{
    Valid,
    Invalid,
    Expired,
}

public static class SignedLinkEndpoints
{
    /// <summary>
    /// The endpoint opens for a valid signed link and nothing else: no identity is asked (an <c>&lt;img&gt;</c> sends
    /// none), a missing, edited or foreign signature answers 403 <c>link.invalid</c>, an old one 403 <c>link.expired</c>
    /// (the client asks the item again for fresh links). Signed answers are private to the browser that opened them.
    /// </summary>
    public static RouteHandlerBuilder RequireSignedLink(this RouteHandlerBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var links = http.RequestServices.GetRequiredService<SignedLinks>();
                var check = links.Check(http.Request.PathBase.Add(http.Request.Path).Value ?? "", http.Request.Query[SignedLinks.ExpiresParameter], http.Request.Query[SignedLinks.SignatureParameter]);
                if (check != SignedLinkCheck.Valid)
                {
                    return check == SignedLinkCheck.Expired
                        ? Problems.Forbidden("link.expired", "Liên kết đã hết hạn. Vui lòng mở lại mục này để nhận liên kết mới.")
                        : Problems.Forbidden("link.invalid", "Liên kết không hợp lệ.");
                }

                http.Response.Headers.CacheControl = "private, max-age=300";
                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
