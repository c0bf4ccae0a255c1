using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Statistics;
using Province.BuildingBlocks.Time;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Statistics;

/// <summary>
/// One service group of one office on one day: numbers taken, served (finished at a counter), called, and the wait from
/// taking the number to the first call (average and 90th percentile, minutes; of the numbers called).
/// </summary>
internal sealed record WaitingDayRow(
    DateOnly Date,
    Guid OfficeId,
    string OfficeName,
    Guid AgencyId,
    Guid ServiceGroupId,
    string ServiceGroupCode,
    string ServiceGroupName,
    int Issued,
    int Called,
    int Served,
    double? AverageWaitMinutes,
    double? P90WaitMinutes);

internal sealed record AppointmentStatistics(DateOnly From, DateOnly To, Guid? AgencyId, Guid? OfficeId, IReadOnlyList<WaitingDayRow> Days);

internal static class StatisticsEndpoint
{
    public const string DaysTable = "days";

    private const int MaxDays = 366;

    public static void MapAppointmentStatistics(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/statistics", async Task<Results<Ok<AppointmentStatistics>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                DateOnly? from, DateOnly? to, Guid? agencyId, Guid? officeId, string? format, string? table, ClaimsPrincipal user,
                IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (StatisticsParameters.YearsOutOfRange(from, to) is { } years)
                {
                    return years;
                }

                var until = to ?? clock.TodayInVietnam();
                var since = from ?? until.AddDays(-29);
                var errors = StatisticsParameters.Check(since, until, tooLong: until.DayNumber - since.DayNumber >= MaxDays, "366 ngày", format, table, DaysTable);
                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                // Administrators see every agency (or the one they name); officers only their own agency's offices.
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("appointments.agency_forbidden", "Bạn chỉ xem được thống kê của cơ quan mình.");
                }

                await using var session = store.QuerySession();
                if (officeId is { } requested)
                {
                    var office = await session.LoadAsync<Office>(requested, cancellationToken);
                    if (office is null || (agency is { } scope && office.AgencyId != scope))
                    {
                        return OfficeAccess.OfficeNotFound();
                    }
                }

                var rows = await DaysAsync(store, session, since, until, agency, officeId, cancellationToken);
                var statistics = new AppointmentStatistics(since, until, agency, officeId, rows);
                return format == StatisticsParameters.Csv
                    ? CsvExport.Download(Csv(rows), $"thoi-gian-cho-{since:yyyyMMdd}-{until:yyyyMMdd}.csv")
                    : TypedResults.Ok(statistics);
            })
            .WithName("GetAppointmentStatistics")
            .WithSummary("Thống kê thời gian chờ tại quầy theo bộ phận một cửa, nhóm dịch vụ và ngày (from, to theo ngày ở Việt Nam; mặc định 30 ngày gần nhất): " +
                "số đã lấy, đã gọi, đã phục vụ xong; thời gian chờ từ lúc lấy số đến lúc được gọi (trung bình, phân vị 90, phút). Cán bộ chỉ xem cơ quan mình. " +
                "format=csv (table=days) xuất CSV (UTF-8 có BOM).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>
    /// One aggregate over the tickets of the range (the day column is indexed with the office): a year of a province's
    /// numbers is millions of documents, so none is read into memory. Names come from the offices, a few documents.
    /// </summary>
    private static async Task<IReadOnlyList<WaitingDayRow>> DaysAsync(IAppointmentsStore store, IQuerySession session, DateOnly from, DateOnly to,
        Guid? agency, Guid? officeId, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var sql = $"""
            with waits as (
                select t.office_id, t.service_group_id, t.day,
                       (t.data->>'finishedAt') is not null as served,
                       extract(epoch from ((t.data->>'calledAt')::timestamptz - (t.data->>'issuedAt')::timestamptz)) / 60.0 as wait
                from {schema}.mt_doc_queueticket t
                join {schema}.mt_doc_office o on o.id = t.office_id
                where t.day >= $1 and t.day <= $2
                  and ($3::uuid is null or o.agency_id = $3)
                  and ($4::uuid is null or t.office_id = $4))
            select office_id, service_group_id, day, count(*)::int, count(wait)::int, count(*) filter (where served)::int,
                   avg(wait)::float8, (percentile_cont(0.9) within group (order by wait))::float8
            from waits
            group by office_id, service_group_id, day
            order by day, office_id, service_group_id
            """;
        var raw = new List<(Guid Office, Guid Group, DateOnly Day, int Issued, int Called, int Served, double? Average, double? P90)>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = from });
            command.Parameters.Add(new NpgsqlParameter { Value = to });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)officeId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                raw.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7)));
            }
        }

        var offices = (await session.LoadManyAsync<Office>(cancellationToken, raw.Select(r => r.Office).Distinct())).ToDictionary(o => o.Id);
        return
        [
            .. raw.Select(r =>
            {
                var office = offices.GetValueOrDefault(r.Office);
                var group = office?.ServiceGroups.FirstOrDefault(g => g.Id == r.Group);
                return new WaitingDayRow(r.Day, r.Office, office?.Name ?? "", office?.AgencyId ?? Guid.Empty, r.Group, group?.Code ?? "", group?.Name ?? "",
                    r.Issued, r.Called, r.Served, Round(r.Average), Round(r.P90));
            }),
        ];
    }

    private static double? Round(double? minutes) => minutes is { } value ? Math.Round(value, 1) : null;

    private static string Csv(IEnumerable<WaitingDayRow> rows)
    {
        var csv = new StringBuilder("Ngày,Mã bộ phận,Bộ phận một cửa,Mã nhóm,Nhóm dịch vụ,Số đã lấy,Số đã gọi,Đã phục vụ,Chờ trung bình (phút),Chờ phân vị 90 (phút)\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.OfficeId.ToString(), CsvExport.Quote(r.OfficeName), CsvExport.Quote(r.ServiceGroupCode),
                CsvExport.Quote(r.ServiceGroupName), CsvExport.Number(r.Issued), CsvExport.Number(r.Called), CsvExport.Number(r.Served), CsvExport.Decimal(r.AverageWaitMinutes), CsvExport.Decimal(r.P90WaitMinutes)).Append("\r\n");
        }

        return csv.ToString();
    }
}
