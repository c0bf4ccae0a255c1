using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Security;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Routing;
using Province.Modules.Identity.Contracts;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Http;
using Microsoft.Extensions.Configuration;
using Province.Modules.FieldReports.Reporting;

namespace Province.Modules.FieldReports.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2</c>, so existing Open311 apps and dashboards work with the
/// province: services, service definitions, requests (create with an administrator-issued api_key,
/// search with the standard filters, one by id) and tokens, in XML (the spec's required format) and JSON.
/// </summary>
internal static class Open311Endpoints
{
    private const string Formats = "regex(^(json|xml)$)";
    public static void MapOpen311(this IEndpointRouteBuilder endpoints)
    {
        var open311 = endpoints.MapGroup("/open311/v2").WithTags("Open311 GeoReport v2").AllowAnonymous().RequireRateLimiting(ProvinceRateLimits.Anonymous);

        open311.MapGet($"/services.{{format:{Formats}}}", async (string format, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var categories = await session.Query<Category>().Where(c => c.Active).OrderBy(c => c.Name).ToListAsync(cancellationToken);
                return Open311Format.Write(format, "services", "service", categories.Select(c => new Dictionary<string, object?>
                {
                    ["service_code"] = c.Code,
                    ["service_name"] = c.Name,
                    ["description"] = c.Description ?? c.Name,
                    ["metadata"] = false,
                    ["type"] = "realtime",
                    ["keywords"] = "",
                    ["group"] = "Phản ánh hiện trường",
                }));
            })
            .WithName("Open311ListServices")
            .WithSummary("GeoReport v2: danh sách dịch vụ (lĩnh vực phản ánh).");

        open311.MapGet($"/services/{{code}}.{{format:{Formats}}}", async (string code, string format, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var category = await session.Query<Category>().SingleOrDefaultAsync(c => c.Code == code && c.Active, cancellationToken);
                if (category is null)
                {
                    return Open311Format.Error(format, StatusCodes.Status404NotFound, $"service_code {code} not found");
                }

                // No extra attributes: every category takes the standard fields only.
                return Open311Format.Write(format, "service_definitions", "service_definition", [new Dictionary<string, object?>
                {
                    ["service_code"] = category.Code,
                    ["attributes"] = Array.Empty<IReadOnlyDictionary<string, object?>>(),
                }]);
            })
            .WithName("Open311GetServiceDefinition")
            .WithSummary("GeoReport v2: định nghĩa một dịch vụ.");

        open311.MapPost($"/requests.{{format:{Formats}}}", async (string format, HttpRequest http, IFieldReportsStore store, ReportRouter router, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!http.HasFormContentType)
                {
                    return Open311Format.Error(format, StatusCodes.Status400BadRequest, "Send application/x-www-form-urlencoded");
                }

                var form = await http.ReadFormAsync(cancellationToken);
                // Form fields do not pass the JSON converter: cleaned here, as every other text at the edge.
                string Field(string name) => TextInput.Clean(form[name].ToString());
                var key = form["api_key"].ToString();
                var hash = Open311Keys.Hash(key);
                await using var session = store.LightweightSession();
                if (key.Length == 0 || !await session.Query<Open311Client>().AnyAsync(c => c.KeyHash == hash && !c.Revoked, cancellationToken))
                {
                    return Open311Format.Error(format, StatusCodes.Status403Forbidden, "api_key missing or invalid");
                }

                var serviceCode = form["service_code"].ToString();
                var category = await session.Query<Category>().SingleOrDefaultAsync(c => c.Code == serviceCode && c.Active, cancellationToken);
                if (category is null)
                {
                    return Open311Format.Error(format, StatusCodes.Status400BadRequest, "service_code not provided or not found");
                }

                double? latitude = double.TryParse(form["lat"], System.Globalization.CultureInfo.InvariantCulture, out var lat) && double.IsFinite(lat) && lat is >= -90 and <= 90 ? lat : null;
                double? longitude = double.TryParse(form["long"], System.Globalization.CultureInfo.InvariantCulture, out var lng) && double.IsFinite(lng) && lng is >= -180 and <= 180 ? lng : null;
                var address = Field("address_string");
                if ((latitude is null || longitude is null) && string.IsNullOrWhiteSpace(address))
                {
                    return Open311Format.Error(format, StatusCodes.Status400BadRequest, "lat and long, or address_string, is required");
                }

                var description = Field("description").Trim();
                if (description.Length is 0 or > 4000)
                {
                    return Open311Format.Error(format, StatusCodes.Status400BadRequest, "description is required and at most 4000 characters");
                }

                var agencyId = await router.RouteAsync(category.Id, null, cancellationToken);
                if (agencyId is null)
                {
                    return Open311Format.Error(format, StatusCodes.Status400BadRequest, "no agency handles this service yet");
                }

                var now = clock.GetUtcNow().ToUniversalTime();
                var name = $"{Field("first_name")} {Field("last_name")}".Trim();
                var report = new ReportSubmitted(
                    Guid.CreateVersion7(), PublicCodes.New("PA-"), category.Id, description.Length > 80 ? description[..80] : description, description, latitude, longitude,
                    string.IsNullOrWhiteSpace(address) ? null : address.Trim()[..Math.Min(300, address.Trim().Length)], null, null,
                    name.Length == 0 ? null : name[..Math.Min(100, name.Length)], Truncate(Field("phone"), 20), Truncate(Field("email"), 200), false,
                    agencyId.Value, now.AddHours(category.HandlingHours), "open311", [], now, "Open311", "Phản ánh nhận qua Open311 và đã chuyển đến cơ quan có thẩm quyền.",
                    category.Name, (await mediator.Send(new GetAgency(agencyId.Value), cancellationToken))?.Name);
                session.Events.StartStream<FieldReport>(report.ReportId, report);
                session.PublishIntegrationEvent(new FieldReportReceived(Guid.CreateVersion7(), now, report.ReportId, report.Code, null, category.Name, report.AgencyId));
                await session.SaveChangesAsync(cancellationToken);
                return Open311Format.Write(format, "service_requests", "request", [new Dictionary<string, object?>
                {
                    ["service_request_id"] = report.Code,
                    ["service_notice"] = $"Thời hạn xử lý: {category.HandlingHours} giờ",
                    ["account_id"] = null,
                }], StatusCodes.Status201Created);
            })
            .WithName("Open311CreateRequest")
            .WithSummary("GeoReport v2: tạo phản ánh (form-urlencoded, cần api_key do quản trị cấp).")
            .DisableAntiforgery();

        open311.MapGet($"/requests.{{format:{Formats}}}", async (string format, string? service_request_id, string? service_code, string? start_date, string? end_date, string? status,
                IConfiguration configuration, IFieldReportsStore store, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var query = session.Query<FieldReport>().AsQueryable();
                if (!string.IsNullOrWhiteSpace(service_request_id))
                {
                    var codes = service_request_id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    query = query.Where(r => codes.Contains(r.Code));
                }
                else
                {
                    if (!TryDate(start_date, out var start) || !TryDate(end_date, out var end))
                    {
                        return Open311Format.Error(format, StatusCodes.Status400BadRequest, "start_date and end_date must be ISO 8601 dates");
                    }

                    var to = (end ?? clock.GetUtcNow()).ToUniversalTime();
                    var from = (start ?? to.AddDays(-90)).ToUniversalTime();
                    query = query.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
                    if (!string.IsNullOrWhiteSpace(service_code))
                    {
                        var codes = service_code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        var categories = (await session.Query<Category>().Where(c => codes.Contains(c.Code)).ToListAsync(cancellationToken)).Select(c => c.Id).ToArray();
                        query = query.Where(r => categories.Contains(r.CategoryId));
                    }

                    var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (statuses.Contains("open") != statuses.Contains("closed"))
                    {
                        var closed = new[] { ReportStatus.Resolved, ReportStatus.Rejected, ReportStatus.Closed };
                        query = statuses.Contains("closed") ? query.Where(r => closed.Contains(r.Status)) : query.Where(r => !closed.Contains(r.Status));
                    }
                }

                // Hidden and rejected reports are left out after the read: older snapshots lack the flags, which a SQL filter would read as null.
                var reports = (await query.OrderByDescending(r => r.CreatedAt).Take(1000).ToListAsync(cancellationToken)).Where(r => r.Public).ToList();
                return Open311Format.Write(format, "service_requests", "request", await ToRequestsAsync(reports, session, mediator, configuration, cancellationToken));
            })
            .WithName("Open311ListRequests")
            .WithSummary("GeoReport v2: tìm phản ánh (service_request_id, service_code, start_date, end_date, status; mặc định 90 ngày, tối đa 1.000). Số điện thoại, CCCD, email trong nội dung được che, vị trí làm tròn; phản ánh bị từ chối hoặc bị ẩn không có.");

        open311.MapGet($"/requests/{{id}}.{{format:{Formats}}}", async (string id, string format, IConfiguration configuration, IFieldReportsStore store, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await session.Query<FieldReport>().SingleOrDefaultAsync(r => r.Code == id, cancellationToken);
                return report is not { Public: true }
                    ? Open311Format.Error(format, StatusCodes.Status404NotFound, "service_request_id not found")
                    : Open311Format.Write(format, "service_requests", "request", await ToRequestsAsync([report], session, mediator, configuration, cancellationToken));
            })
            .WithName("Open311GetRequest")
            .WithSummary("GeoReport v2: một phản ánh theo service_request_id.");

        open311.MapGet($"/tokens/{{token}}.{{format:{Formats}}}", async (string token, string format, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                // Requests are created at once, so a token is the report's id and maps straight to its code.
                string? code = null;
                if (Guid.TryParse(token, out var id))
                {
                    await using var session = store.QuerySession();
                    code = (await session.LoadAsync<FieldReport>(id, cancellationToken))?.Code;
                }

                return code is null
                    ? Open311Format.Error(format, StatusCodes.Status404NotFound, $"token {token} not found")
                    : Open311Format.Write(format, "service_requests", "request", [new Dictionary<string, object?> { ["service_request_id"] = code, ["token"] = token }]);
            })
            .WithName("Open311GetToken")
            .WithSummary("GeoReport v2: service_request_id của một token.");
    }

    /// <summary>
    /// The spec's request fields, as the public may see them (<see cref="PublicReportResponse.Public"/>): reporter names,
    /// phones and e-mails never leave, numbers and addresses typed in the texts are masked, positions rounded.
    /// </summary>
    private static async Task<List<IReadOnlyDictionary<string, object?>>> ToRequestsAsync(
        IReadOnlyList<FieldReport> reports, IQuerySession session, IMediator mediator, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var categoryIds = reports.Select(r => r.CategoryId).Distinct().ToList();
        var categories = (await session.LoadManyAsync<Category>(cancellationToken, categoryIds)).ToDictionary(c => c.Id);
        var agencies = new Dictionary<Guid, string>();
        foreach (var agencyId in reports.Select(r => r.AgencyId).Distinct())
        {
            agencies[agencyId] = (await mediator.Send(new GetAgency(agencyId), cancellationToken))?.Name ?? "";
        }

        return [.. reports.Select(r =>
        {
            var closed = r.Status is ReportStatus.Resolved or ReportStatus.Rejected or ReportStatus.Closed;
            var photo = r.Photos.OrderBy(p => p.UploadedAt).FirstOrDefault();
            return (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["service_request_id"] = r.Code,
                ["status"] = closed ? "closed" : "open",
                ["status_notes"] = closed ? PersonalDataMask.Mask(r.Answer) : null,
                ["service_name"] = categories[r.CategoryId].Name,
                ["service_code"] = categories[r.CategoryId].Code,
                ["description"] = PersonalDataMask.Mask(r.Description),
                ["agency_responsible"] = agencies[r.AgencyId],
                ["service_notice"] = null,
                ["requested_datetime"] = Open311Format.Date(r.CreatedAt),
                ["updated_datetime"] = Open311Format.Date(r.UpdatedAt),
                ["expected_datetime"] = Open311Format.Date(r.DueAt),
                ["address"] = PersonalDataMask.Mask(r.Address),
                ["address_id"] = null,
                ["zipcode"] = null,
                ["lat"] = PublicReportResponse.Round(r.Latitude),
                ["long"] = PublicReportResponse.Round(r.Longitude),
                ["media_url"] = photo is null || !r.InPublicFeed ? null : PublicAddress.Of(configuration, $"/api/public/field-reports/photos/{photo.Id}"),
            };
        })];
    }

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static string? Truncate(string value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(max, value.Trim().Length)];
}
