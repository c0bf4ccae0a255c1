using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Npgsql;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Statistics;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Processing.Statistics;

/// <summary>One agency's month: dossiers received (by channel), completed on time or late, and how long processing took.</summary>
internal sealed record MonthRow(
    Guid AgencyId,
    string AgencyName,
    string Month,
    int ReceivedOnline,
    int ReceivedAtCounter,
    int Completed,
    int CompletedOnTime,
    int CompletedLate,
    double? OnTimeRate,
    double? AverageProcessingWorkingDays);

/// <summary>One agency now: dossiers still open and those of them past their return date.</summary>
internal sealed record AgencyRow(Guid AgencyId, string AgencyName, int Open, int CurrentlyOverdue);

internal sealed record DossierStatisticsResponse(DateOnly From, DateOnly To, IReadOnlyList<MonthRow> Months, IReadOnlyList<AgencyRow> Agencies);

internal static class StatisticsEndpoint
{
    private const int MaxDays = 366 * 3;

    public static void MapDossierStatistics(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/statistics", async Task<Results<Ok<DossierStatisticsResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
                DateOnly? from, DateOnly? to, Guid? agencyId, string? format, string? table, ClaimsPrincipal user,
                IDossiersStore store, DeadlinePolicy deadlines, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var today = clock.TodayInVietnam();
                var until = to ?? today;
                var since = from ?? new DateOnly(until.Year, until.Month, 1).AddMonths(-5);
                var errors = StatisticsParameters.Check(since, until, tooLong: until.DayNumber - since.DayNumber > MaxDays, "3 năm", format);
                if (format == StatisticsParameters.Csv && table is not ("months" or "agencies"))
                {
                    errors["table"] = ["Chọn bảng cần xuất: months hoặc agencies."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                // Administrators see every agency (or the one they name); others only their own.
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("dossier.agency_forbidden", "Bạn chỉ xem được thống kê của cơ quan mình.");
                }

                var statistics = await ComputeAsync(store, deadlines, agency, since, until, cancellationToken);
                if (format != StatisticsParameters.Csv)
                {
                    return TypedResults.Ok(statistics);
                }

                var csv = table == "months" ? MonthsCsv(statistics.Months) : AgenciesCsv(statistics.Agencies);
                return CsvExport.Download(csv, $"thong-ke-ho-so-{table}-{since:yyyyMMdd}-{until:yyyyMMdd}.csv");
            })
            .WithName("GetDossierStatistics")
            .WithSummary("Thống kê hồ sơ theo cơ quan và tháng (từ from đến to, theo ngày ở Việt Nam): tiếp nhận trực tuyến/tại quầy, giải quyết đúng hạn/trễ hạn, " +
                "tỷ lệ đúng hạn, số ngày làm việc xử lý trung bình; và hồ sơ đang quá hạn. format=csv&table=months|agencies xuất CSV (UTF-8 có BOM).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);

    /// <summary>
    /// A dossier counts as received in the month it was submitted, as completed in the month it was completed: on time when
    /// completed by its return date without an apology letter (a letter means the first promise was broken), late otherwise.
    /// Processing time is counted in working days from acceptance to completion. Received is split by the dossier's channel
    /// (<see cref="Dossier.Channel"/>: online, or typed in by an officer at the one-stop counter).
    /// </summary>
    /// <remarks>
    /// SQL aggregates, not the period's documents in memory (a year of a province is hundreds of thousands): received
    /// per agency and Vietnamese month; completed per agency, month, on time or not, and the pair of (acceptance,
    /// completion) dates, whose working days the calendar counts here (holidays live in the calendar, not in SQL) once
    /// per pair, weighted by its count; open and overdue per agency.
    /// </remarks>
    internal static async Task<DossierStatisticsResponse> ComputeAsync(IDossiersStore store, DeadlinePolicy deadlines, Guid? agency,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var since = VietnamStart(from);
        var until = VietnamStart(to.AddDays(1));
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_dossier";
        // Open and overdue from the queue lines: their open-queue index answers the count (the dossiers have no such index).
        var lines = $"{store.Options.DatabaseSchemaName}.mt_doc_dossierqueueline";
        var zone = VietnamTime.Zone.Id;
        var open = string.Join(", ", new[] { DossierStatus.New, DossierStatus.Accepted, DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.FeeRequested }
            .Select(s => $"'{s}'"));
        var running = string.Join(", ", DossierStatusTexts.Running.Select(s => $"'{s}'"));
        var scope = "($1::uuid is null or agency_id = $1)";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command($"""
                    select agency_id, min(data ->> 'agencyName'), to_char(submitted_at at time zone '{zone}', 'YYYY-MM'), count(*),
                           count(*) filter (where lower(data ->> 'channel') = 'counter')
                    from {table} where {scope} and submitted_at >= $2 and submitted_at < $3 group by 1, 3
                    """, agency, since, until),
                Command($"""
                    select agency_id, min(agency_name), to_char(completed_at at time zone '{zone}', 'YYYY-MM'),
                           (coalesce(accepted_at, submitted_at) at time zone '{zone}')::date, (completed_at at time zone '{zone}')::date,
                           apologies = 0 and (completed_at at time zone '{zone}')::date <= due_date, count(*)
                    from (select agency_id, data ->> 'agencyName' as agency_name, submitted_at, due_date,
                                 (data ->> 'completedAt')::timestamptz as completed_at, (data ->> 'acceptedAt')::timestamptz as accepted_at,
                                 coalesce(jsonb_array_length(data -> 'apologies'), 0) as apologies
                          from {table} where {scope} and data ->> 'completedAt' is not null) d
                    where completed_at >= $2 and completed_at < $3 group by 1, 3, 4, 5, 6
                    """, agency, since, until),
                Command($"""
                    select agency_id, min(data ->> 'agencyName'), count(*), count(*) filter (where status in ({running}) and due_date < $2)
                    from {lines} where {scope} and status in ({open}) group by 1
                    """, agency, deadlines.Today),
            },
        };
        var names = new Dictionary<Guid, string>();
        var received = new Dictionary<(Guid AgencyId, string Month), (int All, int AtCounter)>();
        var completed = new List<(Guid AgencyId, string Month, DateOnly Started, DateOnly Completed, bool OnTime, int Count)>();
        var agencies = new List<AgencyRow>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.TryAdd(reader.GetGuid(0), reader.GetString(1));
                received[(reader.GetGuid(0), reader.GetString(2))] = ((int)reader.GetInt64(3), (int)reader.GetInt64(4));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.TryAdd(reader.GetGuid(0), reader.GetString(1));
                completed.Add((reader.GetGuid(0), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<DateOnly>(4), reader.GetBoolean(5),
                    (int)reader.GetInt64(6)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                agencies.Add(new AgencyRow(reader.GetGuid(0), reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
            }
        }

        var months = received.Keys.Concat(completed.Select(c => (c.AgencyId, c.Month))).Distinct()
            .Select(key =>
            {
                var done = completed.Where(c => c.AgencyId == key.AgencyId && c.Month == key.Month).ToList();
                var count = done.Sum(c => c.Count);
                var onTime = done.Where(c => c.OnTime).Sum(c => c.Count);
                var days = done.Sum(c => (double)deadlines.Calendar.WorkingDaysBetween(c.Started, c.Completed) * c.Count);
                var (all, atCounter) = received.GetValueOrDefault(key);
                return new MonthRow(key.AgencyId, names[key.AgencyId], key.Month, all - atCounter, atCounter, count, onTime, count - onTime,
                    count == 0 ? null : Math.Round(100.0 * onTime / count, 1),
                    count == 0 ? null : Math.Round(days / count, 1));
            })
            .OrderBy(m => m.AgencyName, StringComparer.Ordinal).ThenBy(m => m.Month, StringComparer.Ordinal)
            .ToList();
        return new DossierStatisticsResponse(from, to, months, [.. agencies.OrderBy(a => a.AgencyName, StringComparer.Ordinal)]);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid }
                : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static string MonthsCsv(IEnumerable<MonthRow> rows)
    {
        var csv = new StringBuilder("Mã cơ quan,Cơ quan,Tháng,Tiếp nhận trực tuyến,Tiếp nhận tại quầy,Đã giải quyết,Đúng hạn,Trễ hạn,Tỷ lệ đúng hạn (%),Số ngày làm việc xử lý trung bình\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.AgencyId.ToString(), CsvExport.Quote(r.AgencyName), r.Month, CsvExport.Number(r.ReceivedOnline), CsvExport.Number(r.ReceivedAtCounter), CsvExport.Number(r.Completed),
                CsvExport.Number(r.CompletedOnTime), CsvExport.Number(r.CompletedLate), CsvExport.Decimal(r.OnTimeRate), CsvExport.Decimal(r.AverageProcessingWorkingDays)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string AgenciesCsv(IEnumerable<AgencyRow> rows)
    {
        var csv = new StringBuilder("Mã cơ quan,Cơ quan,Đang giải quyết,Đang quá hạn\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.AgencyId.ToString(), CsvExport.Quote(r.AgencyName), CsvExport.Number(r.Open), CsvExport.Number(r.CurrentlyOverdue)).Append("\r\n");
        }

        return csv.ToString();
    }


    private static DateTimeOffset VietnamStart(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
