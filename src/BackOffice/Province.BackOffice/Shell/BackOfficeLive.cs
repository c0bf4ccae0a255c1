using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Province.BackOffice.Api;

namespace Province.BackOffice.Shell;

/// <summary>
/// The staff API's event streams for the pages: <c>/staff/live/{path}</c> relays <c>/api/staff/{path}</c> (only paths
/// ending in <c>/stream</c>) with the signed-in staff member's bearer token. A browser's EventSource sends the page
/// cookie but cannot send a bearer token, and the pages hold no token in script; relaying keeps the API the only judge
/// of who hears what (an officer's queue stream is their agency's, decided by the API from the token).
/// </summary>
public static class BackOfficeLive
{
    public const string Prefix = BackOfficeHosting.BasePath + "/live";

    /// <summary>The page-side address of a staff API stream (<c>/api/staff/dossiers/queue/stream</c> → <c>/staff/live/dossiers/queue/stream</c>).</summary>
    public static string For(string apiStreamPath)
    {
        ArgumentNullException.ThrowIfNull(apiStreamPath);
        const string api = "/api/staff/";
        return apiStreamPath.StartsWith(api, StringComparison.Ordinal) ? Prefix + "/" + apiStreamPath[api.Length..] : throw new ArgumentException("Not a staff API path.", nameof(apiStreamPath));
    }

    public static IEndpointRouteBuilder MapBackOfficeLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "/{**path}", async (string path, HttpContext context, StaffApi api) =>
            {
                if (!path.EndsWith("/stream", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                using var upstream = await api.OpenStreamAsync("/api/staff/" + path + context.Request.QueryString, context.RequestAborted);
                if (upstream.StatusCode != HttpStatusCode.OK)
                {
                    // EventSource gives up on any status but 200; the page keeps what it shows.
                    context.Response.StatusCode = (int)upstream.StatusCode;
                    return;
                }

                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache,no-store";
                context.Response.Headers.ContentEncoding = "identity";
                context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                await using var source = await upstream.Content.ReadAsStreamAsync(context.RequestAborted);
                var buffer = new byte[4096];
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, context.RequestAborted)) > 0)
                    {
                        await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
                {
                    // The browser left, or the API ended the stream: EventSource reconnects by itself.
                }
            })
            .RequireAuthorization(BackOfficeAuthentication.StaffPolicy)
            .ExcludeFromDescription();
        return endpoints;
    }
}
