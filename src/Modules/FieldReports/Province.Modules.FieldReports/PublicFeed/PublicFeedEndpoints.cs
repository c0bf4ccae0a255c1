using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Routing;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.PublicFeed;

internal sealed record NearbyReport(string Code, string Title, string Status, string StatusText, int DistanceMeters);

/// <summary>The public side: answered reports (the quick public answer is what makes citizens report more), a report page, the duplicate hint, photos.</summary>
internal static class PublicFeedEndpoints
{
    public const string FeedCacheTag = "field-report-feed";

    public static void MapPublicFeed(this IEndpointRouteBuilder publicApi)
    {
        publicApi.MapGet("/", async Task<Results<Ok<PagedResult<PublicReportResponse>>, ProblemHttpResult>> (
                Guid? categoryId, string? area, double? minLatitude, double? minLongitude, double? maxLatitude, double? maxLongitude,
                int? page, int? pageSize, IFieldReportsStore store, ReportRouter router, ReportPresenter presenter, CancellationToken cancellationToken) =>
            {
                if (!IsLatitude(minLatitude) || !IsLatitude(maxLatitude) || !IsLongitude(minLongitude) || !IsLongitude(maxLongitude))
                {
                    return InvalidPosition();
                }

                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                // Answered and public: exactly the rows of the feed's partial index.
                var answered = session.Query<FieldReport>().Where(r => r.InPublicFeed);
                if (categoryId is not null)
                {
                    answered = answered.Where(r => r.CategoryId == categoryId);
                }

                if (minLatitude is not null && minLongitude is not null && maxLatitude is not null && maxLongitude is not null)
                {
                    answered = answered.Where(r => r.Latitude >= minLatitude && r.Latitude <= maxLatitude && r.Longitude >= minLongitude && r.Longitude <= maxLongitude);
                }

                if (!string.IsNullOrWhiteSpace(area))
                {
                    // Areas are typed with or without diacritics, and with the old units ("Phường 1" is in phường
                    // Tân Ninh now): the place is resolved, the stored value matched folded on the (small) set of
                    // distinct areas, then the feed is filtered by the exact stored spellings.
                    var folded = VietnameseText.Fold(await router.PlaceAsync(area, cancellationToken));
                    var spellings = (await session.Query<FieldReport>().Where(r => r.Area != null).Select(r => r.Area!).Distinct().ToListAsync(cancellationToken))
                        .Where(a => VietnameseText.Fold(a) == folded).ToList();
                    answered = answered.Where(r => r.Area != null && spellings.Contains(r.Area));
                }

                // The total by a count of its own: Stats (count(*) over()) read every public report's document to count them,
                // 5 s at 240,000 reports in the benchmark (docs/decisions.md ADR 23).
                var total = await answered.CountAsync(cancellationToken);
                var rows = await answered.OrderByDescending(r => r.AnsweredAt)
                    .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<PublicReportResponse>([.. rows.Select(presenter.Public)], paging.Page, paging.PageSize, total));
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ListAnsweredFieldReports")
            .WithSummary("Phản ánh đã được trả lời, mới nhất trước; lọc theo lĩnh vực, xã/phường, khung bản đồ. Không bao giờ có thông tin người phản ánh.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous)
            // The same page for everyone; an officer's action on a report evicts it (see HandlingEndpoints).
            .CachePublicly(TimeSpan.FromSeconds(15), FeedCacheTag);

        publicApi.MapGet("/{code}", async Task<Results<Ok<PublicReportResponse>, ProblemHttpResult>> (string code, IFieldReportsStore store, ReportPresenter presenter, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await session.Query<FieldReport>().SingleOrDefaultAsync(r => r.Code == code, cancellationToken);
                return report is not { Public: true } ? ReportingEndpoints.NotFound() : TypedResults.Ok(presenter.Public(report));
            })
            .WithName("GetPublicFieldReport")
            .WithSummary("Trang công khai của một phản ánh theo mã (PA-...): số điện thoại, CCCD, email trong nội dung được che, vị trí làm tròn; phản ánh bị từ chối hoặc bị ẩn không hiện.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);

        publicApi.MapGet("/nearby", async Task<Results<Ok<PagedResult<NearbyReport>>, ProblemHttpResult>> (
                Guid categoryId, double latitude, double longitude, int? radiusMeters, int? page, int? pageSize, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                if (!IsLatitude(latitude) || !IsLongitude(longitude))
                {
                    return InvalidPosition();
                }

                var radius = Math.Clamp(radiusMeters ?? 300, 50, 2000);
                // A bounding box in degrees first (uses no index magic, cheap), exact distance after.
                var latitudeSpan = radius / 111_320.0;
                var longitudeSpan = radius / (111_320.0 * Math.Max(0.1, Math.Cos(latitude * Math.PI / 180)));
                var (south, north, west, east) = (latitude - latitudeSpan, latitude + latitudeSpan, longitude - longitudeSpan, longitude + longitudeSpan);
                await using var session = store.QuerySession();
                var open = await session.Query<FieldReport>()
                    .Where(r => r.CategoryId == categoryId && r.Latitude != null && r.Longitude != null
                        && r.Status != ReportStatus.Resolved && r.Status != ReportStatus.Rejected && r.Status != ReportStatus.Closed
                        && r.Latitude >= south && r.Latitude <= north
                        && r.Longitude >= west && r.Longitude <= east)
                    .ToListAsync(cancellationToken);
                var paging = PageRequest.From(page, pageSize);
                var near = open
                    .Where(r => r.Public)
                    .Select(r => new NearbyReport(r.Code, PersonalDataMask.Mask(r.Title), EnumNames.Camel(r.Status), Workflow.ReportWorkflow.Text(r.Status),
                        (int)Meters(latitude, longitude, r.Latitude!.Value, r.Longitude!.Value)))
                    .Where(r => r.DistanceMeters <= radius)
                    .OrderBy(r => r.DistanceMeters)
                    .ToList();
                return TypedResults.Ok(new PagedResult<NearbyReport>([.. near.Skip(paging.Skip).Take(paging.PageSize)], paging.Page, paging.PageSize, near.Count));
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ListNearbyOpenFieldReports")
            .WithSummary("Trước khi gửi: các phản ánh cùng lĩnh vực đang xử lý gần vị trí này (tránh gửi trùng).")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);

        publicApi.MapGet("/photos/{id:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, IFieldReportsStore reports, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                // Public only once the report is answered in public (Decree 13/2023: a pending report's photo may show
                // a face, a plate or a house nobody has looked at yet), never of a report hidden or rejected; every
                // other photo is reached through a signed link (GetFieldReportPhotoByLink).
                ReportPhoto? photo;
                await using (var session = reports.QuerySession())
                {
                    photo = await session.LoadAsync<ReportPhoto>(id, cancellationToken);
                    var report = photo?.ReportId is { } reportId ? await session.LoadAsync<FieldReport>(reportId, cancellationToken) : null;
                    photo = report is { InPublicFeed: true } ? photo : null;
                }

                var stream = photo is null ? null : await store.OpenReadAsync(photo.StorageKey, cancellationToken);
                if (photo is null || stream is null)
                {
                    return Province.BuildingBlocks.Errors.Problems.NotFound("field_report.photo_not_found", "Không tìm thấy ảnh.");
                }

                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return TypedResults.File(stream, photo.ContentType);
            })
            .WithName("GetFieldReportPhoto")
            .WithSummary("Ảnh của một phản ánh đã được trả lời công khai (đã xóa vị trí GPS và thông tin máy chụp); ảnh khác chỉ mở qua liên kết có chữ ký.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png"])
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
    }

    /// <summary>NaN and infinities parse as doubles; they are no place on Earth.</summary>
    private static bool IsLatitude(double? value) => value is null || (double.IsFinite(value.Value) && value is >= -90 and <= 90);

    private static bool IsLongitude(double? value) => value is null || (double.IsFinite(value.Value) && value is >= -180 and <= 180);

    private static ProblemHttpResult InvalidPosition() =>
        Province.BuildingBlocks.Errors.Problems.Create(StatusCodes.Status400BadRequest, "field_report.position_invalid", "Dữ liệu gửi lên không hợp lệ",
            "Vĩ độ phải từ -90 đến 90 và kinh độ từ -180 đến 180 (số thập phân, ví dụ 11.31 và 106.10).");

    private static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        const double earth = 6_371_000;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return earth * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}
