using System.Security.Claims;
using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Time;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Routing;
using Province.Modules.FieldReports.Workflow;

namespace Province.Modules.FieldReports.Handling;

/// <summary>The staff queue's query string (see <see cref="StaffQueue"/>).</summary>
internal sealed record QueueQuery(
    string? Q, string? Status, Guid? CategoryId, string? WardCode, string? Ward, DateOnly? From, DateOnly? To, string? Due, string? Sort, Guid? AgencyId, int? Page, int? PageSize);

/// <summary>
/// The staff queue: a staff member sees their own agency's reports and nothing else (naming another agency answers
/// 403); an administrator sees every agency's, or one by <c>agencyId</c>. <c>q</c> matches the code, the texts folded
/// (typed without diacritics) and the reporter's phone (never an anonymous reporter's).
/// </summary>
internal static class StaffQueue
{
    public const string DueOverdue = "overdue";
    public const string DueSoon = "dueSoon";
    public const string DueOnTime = "onTime";

    private static readonly ReportStatus[] Open = [ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.WaitingForInformation];

    public static async Task<Results<Ok<PagedResult<QueueItem>>, ProblemHttpResult>> ReadAsync(
        QueueQuery query, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, ReportRouter router, CancellationToken cancellationToken)
    {
        var viewer = ReportViewer.Of(user);
        if (!user.TryScopeToAgency(query.AgencyId, out var agencyId))
        {
            return Problems.Forbidden("field_report.agency_forbidden", "Bạn chỉ xem được phản ánh của cơ quan mình.");
        }

        ReportStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!Enum.TryParse<ReportStatus>(query.Status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Invalid("status", $"Trạng thái không hợp lệ. Dùng một trong: {string.Join(", ", Enum.GetValues<ReportStatus>().Select(s => EnumNames.Camel(s)))}.");
            }

            status = parsed;
        }

        if (query.Due is not (null or DueOverdue or DueSoon or DueOnTime))
        {
            return Invalid("due", "Tình trạng hạn xử lý không hợp lệ. Dùng overdue, dueSoon hoặc onTime.");
        }

        var sort = string.IsNullOrWhiteSpace(query.Sort) ? "dueAt" : query.Sort.Trim();
        var descending = sort.StartsWith('-');
        var field = sort.TrimStart('-');
        if (field is not ("dueAt" or "createdAt" or "updatedAt" or "code"))
        {
            return Invalid("sort", "Sắp xếp theo dueAt, createdAt, updatedAt hoặc code (thêm - phía trước để giảm dần).");
        }

        var paging = PageRequest.From(query.Page, query.PageSize);
        var now = presenter.Now.ToUniversalTime();
        var soon = now.AddHours(24);
        await using var session = store.QuerySession();
        IQueryable<FieldReport> reports = session.Query<FieldReport>();
        if (agencyId is { } agency)
        {
            reports = reports.Where(r => r.AgencyId == agency);
        }

        if (status is { } wanted)
        {
            reports = reports.Where(r => r.Status == wanted);
        }

        if (query.CategoryId is { } categoryId)
        {
            reports = reports.Where(r => r.CategoryId == categoryId);
        }

        if (!string.IsNullOrWhiteSpace(query.WardCode))
        {
            var wardCode = query.WardCode.Trim();
            reports = reports.Where(r => r.WardCode == wardCode);
        }

        if (!string.IsNullOrWhiteSpace(query.Ward))
        {
            // A commune by name, typed with or without diacritics or by its name before the 2025 merger: resolved to the
            // current name reports are filed under (the official codes are not loaded everywhere yet).
            var place = await router.PlaceAsync(query.Ward, cancellationToken);
            reports = reports.Where(r => r.Area == place);
        }

        if (query.From is { } from)
        {
            var start = StartOfDay(from);
            reports = reports.Where(r => r.CreatedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfDay(to.AddDays(1));
            reports = reports.Where(r => r.CreatedAt < end);
        }

        reports = query.Due switch
        {
            DueOverdue => reports.Where(r => Open.Contains(r.Status) && r.DueAt < now),
            DueSoon => reports.Where(r => Open.Contains(r.Status) && r.DueAt >= now && r.DueAt <= soon),
            DueOnTime => reports.Where(r => Open.Contains(r.Status) && r.DueAt >= now),
            _ => reports,
        };

        // Every word typed must appear ("den duong 0934" finds "Đèn đường" reported from 0934...).
        foreach (var word in VietnameseText.Fold(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
        {
            reports = reports.Where(r => r.SearchText.Contains(word));
        }

        var counted = ((IMartenQueryable<FieldReport>)reports).Stats(out var stats);
        IQueryable<FieldReport> ordered = (field, descending) switch
        {
            ("createdAt", false) => counted.OrderBy(r => r.CreatedAt),
            ("createdAt", true) => counted.OrderByDescending(r => r.CreatedAt),
            ("updatedAt", false) => counted.OrderBy(r => r.UpdatedAt),
            ("updatedAt", true) => counted.OrderByDescending(r => r.UpdatedAt),
            ("code", false) => counted.OrderBy(r => r.Code),
            ("code", true) => counted.OrderByDescending(r => r.Code),
            (_, true) => counted.OrderByDescending(r => r.DueAt),
            _ => counted.OrderBy(r => r.DueAt),
        };
        var rows = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<QueueItem>([.. rows.Select(r => Row(r, viewer, presenter, now, soon))], paging.Page, paging.PageSize, (int)stats.TotalResults));
    }

    private static QueueItem Row(FieldReport r, ReportViewer viewer, ReportPresenter presenter, DateTimeOffset now, DateTimeOffset soon)
    {
        var open = Open.Contains(r.Status);
        var photo = r.Photos.Where(p => p.Kind == PhotoKind.Report).OrderBy(p => p.UploadedAt).FirstOrDefault();
        return new QueueItem(
            r.Id, r.Code, r.Title, r.CategoryId, r.CategoryName, r.AgencyId, r.AgencyName, r.WardCode, r.Area,
            EnumNames.Camel(r.Status), ReportWorkflow.Text(r.Status), r.CreatedAt.ToVietnamTime(), r.DueAt.ToVietnamTime(),
            open && r.DueAt < now, open && r.DueAt >= now && r.DueAt <= soon, r.OfficerId, r.OfficerName, r.Latitude, r.Longitude,
            photo is null ? null : presenter.SignedPhoto(photo).Url, presenter.AllowedActions(r, viewer), r.Revision);
    }

    /// <summary>Midnight of a Vietnamese calendar day, as the UTC instant stored times compare with.</summary>
    internal static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Zone.BaseUtcOffset).ToUniversalTime();

    private static ProblemHttpResult Invalid(string parameter, string message) =>
        Problems.Create(StatusCodes.Status400BadRequest, "validation.invalid_parameter", "Dữ liệu gửi lên không hợp lệ", $"{parameter}: {message}");
}
