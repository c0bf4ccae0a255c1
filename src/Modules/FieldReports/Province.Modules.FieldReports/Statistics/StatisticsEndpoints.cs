using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Statistics;
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
                if (!user.TryScopeToAgency(agencyId, out var agency))
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
                    ? CsvExport.Download(Csv(statistics.Categories), $"phan-anh-thong-ke-{CategoriesTable}.csv")
                    : TypedResults.Ok(statistics);
            })
            .WithName("GetFieldReportStatistics")
            .WithSummary("Thống kê phản ánh theo lĩnh vực và tháng: tiếp nhận, đã trả lời, thời gian trả lời (trung vị, trung bình, giờ), quá hạn, đánh giá; from, to là ngày tiếp nhận; format=csv&table=categories tải CSV (UTF-8 BOM).")
            .Produces<FieldReportStatistics>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>
    /// One SQL aggregate grouped by Vietnamese month and category over the duplicated columns (only the rating is read from
    /// the JSON): the rows of a period never come into memory, however many reports it holds. The rounding stays here, as before.
    /// </summary>
    private static async Task<IReadOnlyList<CategoryMonthRow>> CategoriesAsync(
        IFieldReportsStore store, DateOnly? from, DateOnly? to, Guid? agencyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var sql = $"""
            select to_char(created_at at time zone '{VietnamTime.Zone.Id}', 'YYYY-MM') as month, category_id, min(data ->> 'categoryName'),
                   count(*), count(answered_at),
                   percentile_cont(0.5) within group (order by (extract(epoch from answered_at - created_at) / 3600.0)::float8) filter (where answered_at is not null),
                   (avg(extract(epoch from answered_at - created_at) / 3600.0) filter (where answered_at is not null))::float8,
                   count(*) filter (where case when answered_at is not null and status in ('{nameof(ReportStatus.Resolved)}', '{nameof(ReportStatus.Rejected)}', '{nameof(ReportStatus.Closed)}')
                                          then answered_at > due_at else $4 > due_at end),
                   avg((data ->> 'rating')::int)::float8, count((data ->> 'rating')::int)
            from {schema}.mt_doc_fieldreport
            where ($1::uuid is null or agency_id = $1) and ($2::timestamptz is null or created_at >= $2) and ($3::timestamptz is null or created_at < $3)
            group by 1, 2
            """;
        var rows = new List<(string Month, Guid CategoryId, string? CategoryName, int Received, int Answered, double? Median, double? Average, int Overdue,
            double? Rating, int Ratings)>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)agencyId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = from is { } first ? StaffQueue.StartOfDay(first) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = to is { } last ? StaffQueue.StartOfDay(last.AddDays(1)) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6), (int)reader.GetInt64(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8), (int)reader.GetInt64(9)));
            }
        }

        await using var session = store.QuerySession();
        var names = (await session.Query<Category>().ToListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Name);
        return [.. rows
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => names.GetValueOrDefault(r.CategoryId), StringComparer.Ordinal)
            .Select(r => new CategoryMonthRow(r.Month, r.CategoryId, names.GetValueOrDefault(r.CategoryId) ?? r.CategoryName ?? "", r.Received, r.Answered,
                r.Median is { } median ? Math.Round(median, 1) : null, r.Average is { } average ? Math.Round(average, 1) : null, r.Overdue,
                r.Rating is { } rating ? Math.Round(rating, 2) : null, r.Ratings))];
    }

    /// <summary>Numbers with a dot (<see cref="CsvExport"/> adds the BOM, so Excel shows the Vietnamese names).</summary>
    private static string Csv(IReadOnlyList<CategoryMonthRow> rows)
    {
        var csv = new StringBuilder();
        csv.Append("Tháng,Mã lĩnh vực,Lĩnh vực,Tiếp nhận,Đã trả lời,Trung vị giờ trả lời,Trung bình giờ trả lời,Quá hạn,Điểm đánh giá trung bình,Số đánh giá\r\n");
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.Month},{row.CategoryId},{CsvExport.Quote(row.CategoryName)},{row.Received},{row.Answered},{Number(row.MedianResponseHours)},")
                .Append(CultureInfo.InvariantCulture, $"{Number(row.AverageResponseHours)},{row.Overdue},{Number(row.RatingAverage)},{row.RatingCount}\r\n");
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
