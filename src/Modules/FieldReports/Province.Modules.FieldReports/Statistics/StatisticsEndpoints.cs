using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Handling;

namespace Province.Modules.FieldReports.Statistics;

/// <summary>
/// One row per category and month (the Vietnamese calendar month the report was received in): how many were received,
/// how many answered (resolved or refused with a reason), the hours from receipt to the answer (median, average),
/// how many went past their deadline (answered late, or still open after it), and the reporters' ratings.
/// </summary>
internal sealed record CategoryMonthRow(
    string Month, Guid CategoryId, string CategoryName, int Received, int Answered, double? MedianResponseHours, double? AverageResponseHours, int Overdue,
    double? RatingAverage, int RatingCount);

/// <summary>The statistics answer: its scope and its tables (one so far: <c>categories</c>).</summary>
internal sealed record FieldReportStatistics(DateOnly? From, DateOnly? To, Guid? AgencyId, IReadOnlyList<CategoryMonthRow> Categories);

internal static class StatisticsEndpoints
{
    public const string CategoriesTable = "categories";

    public static void MapStatistics(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/statistics", async Task<Results<Ok<FieldReportStatistics>, FileContentHttpResult, ProblemHttpResult>> (
                DateOnly? from, DateOnly? to, Guid? agencyId, string? format, string? table, ClaimsPrincipal user, IFieldReportsStore store, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                // Administrators see every agency (or one by agencyId); anyone else their own agency, never another's.
                var agency = user.IsAdministrator() ? agencyId : user.GetAgencyId();
                if (!user.IsAdministrator() && (agency is null || (agencyId is not null && agencyId != agency)))
                {
                    return Problems.Forbidden("field_report.agency_forbidden", "Bạn chỉ xem được thống kê của cơ quan mình.");
                }

                if (format is not (null or "json" or "csv") || (format == "csv" && table != CategoriesTable))
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "validation.invalid_parameter", "Dữ liệu gửi lên không hợp lệ",
                        $"format: json hoặc csv; với csv, table phải là {CategoriesTable}.");
                }

                var statistics = new FieldReportStatistics(from, to, agency, await CategoriesAsync(store, from, to, agency, clock.GetUtcNow(), cancellationToken));
                return format == "csv"
                    ? TypedResults.File(Csv(statistics.Categories), "text/csv; charset=utf-8", $"phan-anh-thong-ke-{CategoriesTable}.csv")
                    : TypedResults.Ok(statistics);
            })
            .WithName("GetFieldReportStatistics")
            .WithSummary("Thống kê phản ánh theo lĩnh vực và tháng: tiếp nhận, đã trả lời, thời gian trả lời (trung vị, trung bình, giờ), quá hạn, đánh giá; from, to là ngày tiếp nhận; format=csv&table=categories tải CSV (UTF-8 BOM).")
            .Produces<FieldReportStatistics>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);

    private static async Task<IReadOnlyList<CategoryMonthRow>> CategoriesAsync(
        IFieldReportsStore store, DateOnly? from, DateOnly? to, Guid? agencyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        IQueryable<FieldReport> reports = session.Query<FieldReport>();
        if (agencyId is { } agency)
        {
            reports = reports.Where(r => r.AgencyId == agency);
        }

        if (from is { } first)
        {
            var start = StaffQueue.StartOfDay(first);
            reports = reports.Where(r => r.CreatedAt >= start);
        }

        if (to is { } last)
        {
            var end = StaffQueue.StartOfDay(last.AddDays(1));
            reports = reports.Where(r => r.CreatedAt < end);
        }

        var rows = await reports.ToListAsync(cancellationToken);
        var names = (await session.Query<Category>().ToListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Name);
        return [.. rows
            .GroupBy(r => (Month: r.CreatedAt.ToVietnamTime().ToString("yyyy-MM", CultureInfo.InvariantCulture), r.CategoryId))
            .OrderBy(g => g.Key.Month).ThenBy(g => names.GetValueOrDefault(g.Key.CategoryId), StringComparer.Ordinal)
            .Select(g =>
            {
                var hours = g.Where(r => r.AnsweredAt is not null).Select(r => (r.AnsweredAt!.Value - r.CreatedAt).TotalHours).Order().ToList();
                var ratings = g.Where(r => r.Rating is not null).Select(r => r.Rating!.Value).ToList();
                var overdue = g.Count(r => r.AnsweredAt is { } answered && r.Status is ReportStatus.Resolved or ReportStatus.Rejected or ReportStatus.Closed
                    ? answered > r.DueAt
                    : now > r.DueAt);
                return new CategoryMonthRow(g.Key.Month, g.Key.CategoryId, names.GetValueOrDefault(g.Key.CategoryId) ?? g.First().CategoryName ?? "", g.Count(), hours.Count,
                    Median(hours), hours.Count == 0 ? null : Math.Round(hours.Average(), 1), overdue,
                    ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2), ratings.Count);
            })];
    }

    private static double? Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? null : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);

    /// <summary>UTF-8 with a BOM, so Excel shows the Vietnamese names; numbers with a dot.</summary>
    private static byte[] Csv(IReadOnlyList<CategoryMonthRow> rows)
    {
        var csv = new StringBuilder();
        csv.Append("Tháng,Mã lĩnh vực,Lĩnh vực,Tiếp nhận,Đã trả lời,Trung vị giờ trả lời,Trung bình giờ trả lời,Quá hạn,Điểm đánh giá trung bình,Số đánh giá\r\n");
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.Month},{row.CategoryId},{Quote(row.CategoryName)},{row.Received},{row.Answered},{Number(row.MedianResponseHours)},")
                .Append(CultureInfo.InvariantCulture, $"{Number(row.AverageResponseHours)},{row.Overdue},{Number(row.RatingAverage)},{row.RatingCount}\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted, doubled quotes; a leading =, +, - or @ is defused so Excel does not run it as a formula.</summary>
    private static string Quote(string text) => $"\"{(text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text).Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
