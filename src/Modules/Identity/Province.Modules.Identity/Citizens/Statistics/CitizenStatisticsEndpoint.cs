using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Statistics;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens.Statistics;

/// <summary>
/// One month: citizens who used the service (at least one signed-in request), how many of them gave a date of birth, how
/// many of those were over 45 on the first day of the month, and that share (%) of those who gave one. Counts only.
/// </summary>
internal sealed record CitizenMonthRow(string Month, int Citizens, int WithDateOfBirth, int Over45, double? Over45Rate);

internal sealed record CitizenStatistics(DateOnly From, DateOnly To, IReadOnlyList<CitizenMonthRow> Months);

internal static class CitizenStatisticsEndpoint
{
    public const string MonthsTable = "months";

    private const int MaxMonths = 36;

    public static void MapCitizenStatistics(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/statistics", async Task<Results<Ok<CitizenStatistics>, FileContentHttpResult, ValidationProblem>> (
                DateOnly? from, DateOnly? to, string? format, string? table, IIdentityStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (StatisticsParameters.YearsOutOfRange(from, to) is { } years)
                {
                    return years;
                }

                var until = to ?? clock.TodayInVietnam();
                var since = from ?? new DateOnly(until.Year, until.Month, 1).AddMonths(-5);
                var first = new DateOnly(since.Year, since.Month, 1);
                var last = new DateOnly(until.Year, until.Month, 1);
                var errors = StatisticsParameters.Check(since, until, tooLong: last > first.AddMonths(MaxMonths - 1), "36 tháng", format, table, MonthsTable);
                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                var rows = await MonthsAsync(store, first, last, cancellationToken);
                return format == StatisticsParameters.Csv
                    ? CsvExport.Download(Csv(rows), $"nguoi-dan-su-dung-{first:yyyyMM}-{last:yyyyMM}.csv")
                    : TypedResults.Ok(new CitizenStatistics(since, until, rows));
            })
            .WithName("GetCitizenStatistics")
            .WithSummary("Quản trị viên: số người dân đã sử dụng dịch vụ theo tháng (from, to theo ngày ở Việt Nam; mặc định 6 tháng gần nhất), " +
                "số người đã khai ngày sinh, số và tỷ lệ (%) trên 45 tuổi trong số đó. Chỉ có số đếm, không có thông tin cá nhân. format=csv (table=months) xuất CSV (UTF-8 có BOM).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/csv")
            .ProducesValidationProblem()
            .RequireAuthorization(ProvincePolicies.Administrator);

    /// <summary>
    /// One aggregate: the activity rows of the months joined to the citizens still on record (a deleted profile counts no
    /// more). "Over 45" is a date of birth more than 45 years before the month's first day.
    /// </summary>
    private static async Task<IReadOnlyList<CitizenMonthRow>> MonthsAsync(IIdentityStore store, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var sql = $"""
            select a.month,
                   count(*)::int,
                   count(c.data->>'dateOfBirth')::int,
                   count(*) filter (where (c.data->>'dateOfBirth')::date < (a.month - interval '45 years'))::int
            from {schema}.{CitizenActivity.Table} a
            join {schema}.mt_doc_citizen c on c.id = a.citizen_id
            where a.month >= $1 and a.month <= $2
            group by a.month
            order by a.month
            """;
        var rows = new List<CitizenMonthRow>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var month = reader.GetFieldValue<DateOnly>(0);
            var withBirth = reader.GetInt32(2);
            var over = reader.GetInt32(3);
            rows.Add(new CitizenMonthRow(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), reader.GetInt32(1), withBirth, over,
                withBirth == 0 ? null : Math.Round(100.0 * over / withBirth, 1)));
        }

        return rows;
    }

    private static string Csv(IEnumerable<CitizenMonthRow> rows)
    {
        var csv = new StringBuilder("Tháng,Người dân sử dụng dịch vụ,Đã khai ngày sinh,Trên 45 tuổi,Tỷ lệ trên 45 tuổi (%)\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.Month, CsvExport.Number(r.Citizens), CsvExport.Number(r.WithDateOfBirth), CsvExport.Number(r.Over45),
                r.Over45Rate?.ToString("0.0", CultureInfo.InvariantCulture) ?? "").Append("\r\n");
        }

        return csv.ToString();
    }
}
