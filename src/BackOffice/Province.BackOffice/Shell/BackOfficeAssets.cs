using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Province.BackOffice.Shell;

/// <summary>
/// The shell's style sheet and script, embedded in the assembly and served from <c>/staff/assets/</c>: no static web
/// assets manifest to publish, and the same files in tests as in production.
/// </summary>
public static class BackOfficeAssets
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = Load();

    /// <summary>Changes with every build so browsers fetch new files after an upgrade and cache them until the next.</summary>
    public static string Version { get; } = typeof(BackOfficeAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static IEndpointRouteBuilder MapBackOfficeAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BackOfficeHosting.BasePath + "/assets/{name}", (string name, HttpContext context) =>
            {
                if (!Files.TryGetValue(name, out var file))
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(file.Content, file.ContentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        const string prefix = "BackOffice.Assets.";
        var assembly = typeof(BackOfficeAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            files[name] = (copy.ToArray(), Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }

        return files;
    }

    /// <summary>The address of an asset, with the build's version so caches never serve an old one.</summary>
    public static string Url(string name) => $"{BackOfficeHosting.BasePath}/assets/{name}?v={Version}";
}
