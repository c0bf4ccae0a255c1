using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Province.BuildingBlocks.Live;

namespace Province.BuildingBlocks.Caching;

/// <summary>
/// Every public read (a GET under <c>/api/public/</c> answered 200) carries a strong <c>ETag</c>, a hash of the bytes
/// sent, and <c>Cache-Control: no-cache</c> (keep it, but ask again); a client that sends the tag back in
/// <c>If-None-Match</c> gets 304 with no body. The tag is taken outside response compression, so a Brotli and a gzip
/// answer carry different strong tags, as RFC 9110 wants. Answers from the output cache (<see cref="PublicResponseCache"/>)
/// pass through here alike. Server-sent event streams are never buffered.
/// </summary>
public static class PublicReadETags
{
    public const string PublicPrefix = "/api/public/";

    public static IApplicationBuilder UsePublicReadETags(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method)
            || !context.Request.Path.StartsWithSegments(PublicPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            || IsEventStream(context))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            var tag = "\"" + Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), 0, 18)
                .Replace('+', '-').Replace('/', '_') + "\"";
            response.Headers.ETag = tag;
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = "no-cache";
            }

            if (Matches(context.Request.Headers.IfNoneMatch, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentType);
                response.Headers.Remove(HeaderNames.ContentEncoding);
                return;
            }
        }

        if (buffer.Length > 0)
        {
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    });

    private static bool IsEventStream(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase)
        || context.GetEndpoint().DeclaresEventStream();

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): a W/ prefix does not matter, <c>*</c> matches.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var opaque = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (opaque == "*" || opaque == tag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
