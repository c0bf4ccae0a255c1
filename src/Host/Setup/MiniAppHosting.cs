using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Province.BuildingBlocks.Hosting;

namespace Province.Host.Setup;

/// <summary>Configuration section <c>MiniApp</c>: the citizens' mini app (src/MiniApp) served by the host at <c>/app/</c>.</summary>
internal sealed class MiniAppSettings
{
    public const string Section = "MiniApp";

    /// <summary>The built app (<c>npm run build</c> in src/MiniApp writes <c>dist/</c>); relative to the content root. Missing: nothing is served.</summary>
    public string Directory { get; set; } = "../MiniApp/dist";

    /// <summary>Other origins the app may call or load images from (an API on another address); the host's own origin always.</summary>
    public string[] ExtraSources { get; set; } = [];
}

/// <summary>
/// Serves the built mini app at <c>/app/</c> so a browser shows it next to the API (the README's run command, the
/// browser tests). Inside Zalo the same files are hosted by Zalo (<c>zmp deploy</c>); here they are the development
/// and test stand-in. Hashed assets are cached for a year, index.html never; the app's own Content-Security-Policy
/// allows its scripts and styles from this origin only (the API's answers keep the policy that allows nothing).
/// </summary>
internal static class MiniAppHosting
{
    public const string Path = "/app";

    public static WebApplication UseMiniApp(this WebApplication app)
    {
        var settings = app.Configuration.GetSection(MiniAppSettings.Section).Get<MiniAppSettings>() ?? new MiniAppSettings();
        var directory = System.IO.Path.GetFullPath(System.IO.Path.Combine(app.Environment.ContentRootPath, settings.Directory));
        if (!File.Exists(System.IO.Path.Combine(directory, "index.html")))
        {
            app.Logger.LogInformation("The mini app is not built ({Directory} has no index.html): /app/ is not served. Run npm ci && npm run build in src/MiniApp.", directory);
            return app;
        }

        var extra = settings.ExtraSources.Length == 0 ? "" : " " + string.Join(' ', settings.ExtraSources);
        var policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + extra +
                     "; connect-src 'self'" + extra + "; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        var files = new PhysicalFileProvider(directory);

        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, out var rest))
            {
                if (!rest.HasValue)
                {
                    // "/app" → "/app/": the app's relative asset links resolve under the folder.
                    context.Response.Redirect(Path + "/" + context.Request.QueryString);
                    return Task.CompletedTask;
                }

                context.Items[SecurityHeaders.PolicyItem] = policy;
                // The report screen asks for the place; the file input may open the camera.
                context.Items[SecurityHeaders.PermissionsItem] = "camera=(self), microphone=(), geolocation=(self)";
            }

            return next(context);
        });

        // Served by one endpoint, not UseStaticFiles: the static-file middleware steps aside for requests routing matched,
        // and the pipeline routes first.
        var contentTypes = new FileExtensionContentTypeProvider();
        var compressed = new System.Collections.Concurrent.ConcurrentDictionary<(string Path, DateTimeOffset Modified, string Encoding), byte[]>();
        app.MapMethods(Path + "/{**path}", ["GET", "HEAD"], (HttpContext context, string? path) =>
        {
            var file = string.IsNullOrEmpty(path) || path.Contains("..", StringComparison.Ordinal) ? null : files.GetFileInfo(path);
            if (file is { Exists: true, IsDirectory: false })
            {
                // Vite names every file under assets/ by its content hash: it never changes, so it is cached for good.
                context.Response.Headers.CacheControl = path!.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
                var type = contentTypes.TryGetContentType(file.Name, out var known) ? known : "application/octet-stream";
                var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastModified.ToUnixTimeSeconds():x}\"");
                if (Compressible(type) && PreferredEncoding(context.Request) is { } encoding)
                {
                    // Text compresses to a quarter: on a slow phone network that is most of the first screen's wait.
                    var bytes = compressed.GetOrAdd((file.PhysicalPath!, file.LastModified, encoding), key => Compress(key.Path, key.Encoding));
                    context.Response.Headers.ContentEncoding = encoding;
                    context.Response.Headers.Vary = "Accept-Encoding";
                    return Results.Bytes(bytes, type, lastModified: file.LastModified, entityTag: new EntityTagHeaderValue(tag.Tag.Value!.TrimEnd('"') + "-" + encoding + "\""));
                }

                return Results.File(file.CreateReadStream(), type, lastModified: file.LastModified, entityTag: tag);
            }

            if (path is not null && path.StartsWith("assets/", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            // Any other path under /app/: index.html (the app routes itself), never cached so a new build shows at once.
            context.Response.Headers.CacheControl = "no-cache";
            return Results.File(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        return app;
    }

    private static bool Compressible(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "application/json" or "image/svg+xml";

    private static string? PreferredEncoding(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        return accepted.Contains("br", StringComparison.Ordinal) ? "br" : accepted.Contains("gzip", StringComparison.Ordinal) ? "gzip" : null;
    }

    private static byte[] Compress(string path, string encoding)
    {
        var raw = File.ReadAllBytes(path);
        using var output = new MemoryStream();
        using (Stream compressor = encoding == "br"
                   ? new System.IO.Compression.BrotliStream(output, System.IO.Compression.CompressionLevel.SmallestSize)
                   : new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            compressor.Write(raw);
        }

        return output.ToArray();
    }
}
