using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Province.BackOffice.Api;

namespace Province.BackOffice.Shell;

/// <summary>
/// CSV downloads for the pages: the browser holds a page cookie, not the API's token, so a download link goes through the
/// back office, which asks the API with the signed-in person's token and hands the file over. Only staff statistics in
/// CSV are fetched this way; the API decides, as for every page, what the person may have.
/// </summary>
public static class BackOfficeExport
{
    public const string Path = BackOfficeHosting.BasePath + "/export";

    internal static IEndpointRouteBuilder MapBackOfficeExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (string? api, StaffApi staffApi, CancellationToken cancellationToken) =>
            {
                if (!IsStaffCsv(api))
                {
                    return Results.NotFound();
                }

                var file = await staffApi.GetFileAsync(api!, cancellationToken);
                if (file.Problem is { } problem)
                {
                    return Results.Text(problem.Message, "text/plain; charset=utf-8", statusCode: problem.Status);
                }

                return Results.File(file.Bytes!, file.ContentType ?? "text/csv; charset=utf-8", file.FileName ?? "thong-ke.csv");
            })
            .RequireAuthorization(BackOfficeAuthentication.StaffPolicy)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A path of this host's staff API (never another host, never a path that climbs out), asking for CSV.</summary>
    internal static bool IsStaffCsv(string? api) =>
        api is { Length: < 1000 }
        && api.StartsWith("/api/staff/", StringComparison.Ordinal)
        && !api.Contains("//", StringComparison.Ordinal)
        && !api.Contains("..", StringComparison.Ordinal)
        && !api.Contains('\\', StringComparison.Ordinal)
        && api.Contains("format=csv", StringComparison.Ordinal);
}
