using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Hosting;

/// <summary>Configuration section <c>Http</c>: how much a request may send.</summary>
public sealed class RequestBodySettings
{
    public const string Section = "Http";

    /// <summary>
    /// The largest body of an endpoint that names no limit of its own: every JSON request and form. The largest
    /// legitimate one (a report's 4,000-character description, each Vietnamese letter escaped) is about 25 KB.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Request bodies limited per endpoint, before anything reads them: an endpoint's <see cref="IRequestSizeLimitMetadata"/>
/// (<see cref="WithRequestBodyLimit"/>; the upload endpoints) or else <see cref="RequestBodySettings.MaxRequestBodyBytes"/>.
/// The server then refuses a longer declared length at the first read, and cuts a chunked body at the limit: a 28 MB
/// JSON body answers 413 without being held in memory.
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Room for the multipart framing around an uploaded file (boundaries, part headers, the file name).</summary>
    public const long MultipartOverheadBytes = 16 * 1024;

    /// <summary>Lets this endpoint's body be up to <paramref name="maxBytes"/> (an upload endpoint: its file limit plus the framing).</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxBytes));

    /// <summary>
    /// An upload endpoint: a file of at most <paramref name="maxFileBytes"/> in a multipart form. The body may be a quarter
    /// more, so that a file a little too large is still read and refused with the message that names the limit
    /// ("file.too_large"); anything larger is cut off by the server at this limit (413 "request.too_large").
    /// </summary>
    public static TBuilder WithUploadLimit<TBuilder>(this TBuilder builder, long maxFileBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithRequestBodyLimit(maxFileBytes + (maxFileBytes / 4) + MultipartOverheadBytes);

    /// <summary>Runs after routing (the endpoint is known) and before any endpoint reads its body.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection(RequestBodySettings.Section).Get<RequestBodySettings>()
            ?? new RequestBodySettings();
        return app.Use((context, next) =>
        {
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
                feature.MaxRequestBodySize = endpointLimit is not null ? endpointLimit.MaxRequestBodySize : settings.MaxRequestBodyBytes;
            }

            return next(context);
        });
    }
}
