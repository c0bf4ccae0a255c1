using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
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
                var errors = new Dictionary<string, string[]>();
                if (since > until || until.DayNumber - since.DayNumber > MaxDays)
                {
                    errors["to"] = ["Khoảng thời gian không hợp lệ: từ ngày phải trước đến ngày, tối đa 3 năm."];
                }

                if (format is not (null or "json" or "csv"))
                {
                    errors["format"] = ["Giá trị hợp lệ: json, csv."];
                }

                if (format == "csv" && table is not ("months" or "agencies"))
                {
                    errors["table"] = ["Chọn bảng cần xuất: months hoặc agencies."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                // Administrators see every agency (or the one they name); others only their own.
                Guid? agency;
                if (user.IsAdministrator())
                {
                    agency = agencyId;
                }
                else if (user.GetAgencyId() is not { } own || (agencyId is not null && agencyId != own))
                {
                    return Problems.Forbidden("dossier.agency_forbidden", "Bạn chỉ xem được thống kê của cơ quan mình.");
                }
                else
                {
                    agency = own;
                }

                var statistics = await ComputeAsync(store, deadlines, agency, since, until, cancellationToken);
                if (format != "csv")
                {
                    return TypedResults.Ok(statistics);
                }

                var csv = table == "months" ? MonthsCsv(statistics.Months) : AgenciesCsv(statistics.Agencies);
                // A byte order mark, so that Excel reads the Vietnamese as UTF-8.
                return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8",
                    $"thong-ke-ho-so-{table}-{since:yyyyMMdd}-{until:yyyyMMdd}.csv");
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
    internal static async Task<DossierStatisticsResponse> ComputeAsync(IDossiersStore store, DeadlinePolicy deadlines, Guid? agency,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var since = VietnamStart(from);
        var until = VietnamStart(to.AddDays(1));
        await using var session = store.QuerySession();
        IQueryable<Dossier> query = session.Query<Dossier>();
        if (agency is { } agencyId)
        {
            query = query.Where(d => d.AgencyId == agencyId);
        }

        var dossiers = await query
            .Where(d => (d.SubmittedAt >= since && d.SubmittedAt < until)
                || (d.CompletedAt != null && d.CompletedAt >= since && d.CompletedAt < until)
                || d.Status == DossierStatus.New || d.Status == DossierStatus.Accepted || d.Status == DossierStatus.Processing
                || d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.FeeRequested)
            .ToListAsync(cancellationToken);

        var received = dossiers.Where(d => d.SubmittedAt >= since && d.SubmittedAt < until)
            .Select(d => (d.AgencyId, d.AgencyName, Month: MonthOf(d.SubmittedAt), Dossier: d));
        var completed = dossiers.Where(d => d.CompletedAt is { } at && at >= since && at < until)
            .Select(d => (d.AgencyId, d.AgencyName, Month: MonthOf(d.CompletedAt!.Value), Dossier: d)).ToList();
        var months = received.Select(r => (r.AgencyId, r.Month)).Concat(completed.Select(c => (c.AgencyId, c.Month))).Distinct()
            .Select(key =>
            {
                var name = dossiers.First(d => d.AgencyId == key.AgencyId).AgencyName;
                var inMonth = received.Where(r => r.AgencyId == key.AgencyId && r.Month == key.Month).ToList();
                var done = completed.Where(c => c.AgencyId == key.AgencyId && c.Month == key.Month).Select(c => c.Dossier).ToList();
                var onTime = done.Count(d => d.Apologies.Count == 0 && DateOnly.FromDateTime(d.CompletedAt!.Value.ToVietnamTime().DateTime) <= d.DueDate);
                var days = done.Select(d => (double)deadlines.Calendar.WorkingDaysBetween(
                    DateOnly.FromDateTime((d.AcceptedAt ?? d.SubmittedAt).ToVietnamTime().DateTime),
                    DateOnly.FromDateTime(d.CompletedAt!.Value.ToVietnamTime().DateTime))).ToList();
                var atCounter = inMonth.Count(r => r.Dossier.Channel == DossierChannel.Counter);
                return new MonthRow(key.AgencyId, name, key.Month, inMonth.Count - atCounter, atCounter, done.Count, onTime, done.Count - onTime,
                    done.Count == 0 ? null : Math.Round(100.0 * onTime / done.Count, 1),
                    days.Count == 0 ? null : Math.Round(days.Average(), 1));
            })
            .OrderBy(m => m.AgencyName, StringComparer.Ordinal).ThenBy(m => m.Month, StringComparer.Ordinal)
            .ToList();

        var agencies = dossiers.Where(d => d.Status.IsOpen())
            .GroupBy(d => (d.AgencyId, d.AgencyName))
            .Select(g => new AgencyRow(g.Key.AgencyId, g.Key.AgencyName, g.Count(), g.Count(d => deadlines.Of(d.Status, d.DueDate) == Timeliness.Overdue)))
            .OrderBy(a => a.AgencyName, StringComparer.Ordinal)
            .ToList();
        return new DossierStatisticsResponse(from, to, months, agencies);
    }

    private static string MonthsCsv(IEnumerable<MonthRow> rows)
    {
        var csv = new StringBuilder("Mã cơ quan,Cơ quan,Tháng,Tiếp nhận trực tuyến,Tiếp nhận tại quầy,Đã giải quyết,Đúng hạn,Trễ hạn,Tỷ lệ đúng hạn (%),Số ngày làm việc xử lý trung bình\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.AgencyId.ToString(), Quote(r.AgencyName), r.Month, Number(r.ReceivedOnline), Number(r.ReceivedAtCounter), Number(r.Completed),
                Number(r.CompletedOnTime), Number(r.CompletedLate), Decimal(r.OnTimeRate), Decimal(r.AverageProcessingWorkingDays)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string AgenciesCsv(IEnumerable<AgencyRow> rows)
    {
        var csv = new StringBuilder("Mã cơ quan,Cơ quan,Đang giải quyết,Đang quá hạn\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', r.AgencyId.ToString(), Quote(r.AgencyName), Number(r.Open), Number(r.CurrentlyOverdue)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed so that a spreadsheet never runs a name as a formula.</summary>
    private static string Quote(string text)
    {
        var safe = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    private static string MonthOf(DateTimeOffset instant) => instant.ToVietnamTime().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateTimeOffset VietnamStart(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
