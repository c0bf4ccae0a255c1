using System.Linq.Expressions;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Marten.Linq.MatchesSql;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

internal static class StaffQueueEndpoint
{
    private static readonly string[] Sorts = ["dueAt", "-dueAt", "submittedAt", "-submittedAt"];

    public static void MapStaffQueue(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/queue", async Task<Results<Ok<PagedResult<QueueItemResponse>>, ValidationProblem, ProblemHttpResult>> (
                string? q, string? status, string? procedureCode, string? timeliness, DateOnly? from, DateOnly? to, string? sort,
                bool? assignedToMe, Guid? agencyId, int? page, int? pageSize, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var errors = new Dictionary<string, string[]>();
                var parsedStatus = DossierStatusTexts.Parse(status);
                if (status is not null && parsedStatus is null)
                {
                    errors["status"] = [$"Trạng thái không hợp lệ. Giá trị hợp lệ: {DossierStatusTexts.Names}."];
                }

                if (timeliness is not (null or "dueSoon" or "overdue" or "onTime" or "paused"))
                {
                    errors["timeliness"] = ["Giá trị hợp lệ: onTime, dueSoon, overdue, paused."];
                }

                if (sort is not null && !Sorts.Contains(sort))
                {
                    errors["sort"] = [$"Giá trị hợp lệ: {string.Join(", ", Sorts)}."];
                }

                if (from is not null && to is not null && from > to)
                {
                    errors["to"] = ["Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."];
                }

                if (q is { Length: > 100 })
                {
                    errors["q"] = ["Từ khóa tìm kiếm tối đa 100 ký tự."];
                }

                if (errors.Count > 0)
                {
                    return Problems.Validation(errors);
                }

                // Staff see their own agency's queue; only an administrator chooses another (or every agency).
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("dossier.agency_forbidden", "Bạn chỉ xem được hàng đợi hồ sơ của cơ quan mình.");
                }

                return TypedResults.Ok(await mediator.Send(new StaffQueueQuery(
                    agency, q, parsedStatus, procedureCode, timeliness, from, to, sort ?? "dueAt",
                    assignedToMe == true ? user.GetStaffId() : null, PageRequest.From(page, pageSize)), cancellationToken));
            })
            .WithName("GetStaffDossierQueue")
            .WithSummary("Hàng đợi hồ sơ của cơ quan mình (quản trị viên: agencyId hoặc mọi cơ quan); mặc định hồ sơ đang mở, quá hạn trước rồi theo hạn trả. " +
                "q tìm theo mã hồ sơ, tên người nộp (không dấu cũng được), số điện thoại, CCCD; lọc status, procedureCode, timeliness, from/to (ngày nộp), assignedToMe; " +
                "sort: dueAt, -dueAt, submittedAt, -submittedAt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);
}

internal sealed record StaffQueueQuery(
    Guid? AgencyId, string? Search, DossierStatus? Status, string? ProcedureCode, string? Timeliness, DateOnly? From, DateOnly? To, string Sort,
    Guid? AssignedStaffId, PageRequest Page) : IRequest<PagedResult<QueueItemResponse>>;

/// <summary>A dossier in the staff queue: names beside ids, the status as a name with its text, and what the reader may do now.</summary>
internal sealed record QueueItemResponse(
    Guid Id,
    string Code,
    string ProcedureCode,
    string ProcedureName,
    string Field,
    Guid AgencyId,
    string AgencyName,
    string ApplicantName,
    string? ApplicantPhoneNumber,
    string Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string Timeliness,
    bool ApologyRequired,
    Guid? AssignedStaffId,
    string? AssignedStaffName,
    IReadOnlyList<string> AllowedActions,
    int Version);

/// <summary>
/// Open work first by due date (the overdue have the earliest dates, so they come first). Timeliness is turned into date
/// bounds computed once (today, the due-soon limit), so the filter is a range on the duplicated (agency, status, due date)
/// columns; the open statuses are the predicate of the open-queue partial index (<see cref="IDossiersStore.OpenQueuePredicate"/>).
/// The total and the page are two statements sent in one round trip (a batch query): the count is answered from the index
/// alone, the page reads one page of queue lines (<see cref="DossierQueueLine"/>), not whole dossiers. Marten's Stats
/// (count(*) over()) would read every matching row's document to count them, 2 ms of database time per call at 250
/// overdue dossiers (docs/decisions.md, issue 17).
/// </summary>
internal sealed class StaffQueueHandler(IDossiersStore store, DeadlinePolicy deadlines) : IRequestHandler<StaffQueueQuery, PagedResult<QueueItemResponse>>
{
    public async Task<PagedResult<QueueItemResponse>> Handle(StaffQueueQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        Task<int> total;
        Task<IEnumerable<DossierQueueLine>> page;
        if (OpenQueuePage.For(request) is { } compiled)
        {
            // What an officer opens first (the agency's open work, overdue first): Marten's compiled
            // queries, their LINQ parsed once.
            total = batch.Query(new OpenQueueCount { AgencyId = compiled.AgencyId });
            page = batch.Query(compiled);
        }
        else
        {
            var filters = Filters(request, deadlines.Today, deadlines.DueSoonLimit);
            var counted = batch.Query<DossierQueueLine>();
            var paged = batch.Query<DossierQueueLine>();
            foreach (var filter in filters)
            {
                counted = counted.Where(filter);
                paged = paged.Where(filter);
            }

            total = AsInt(counted.Count());
            page = ToEnumerable((request.Sort switch
                {
                    "-dueAt" => paged.OrderByDescending(line => line.DueDate).ThenByDescending(line => line.SubmittedAt),
                    "submittedAt" => paged.OrderBy(line => line.SubmittedAt),
                    "-submittedAt" => paged.OrderByDescending(line => line.SubmittedAt),
                    _ => paged.OrderBy(line => line.DueDate).ThenBy(line => line.SubmittedAt),
                })
                .Skip(request.Page.Skip).Take(request.Page.PageSize).ToList());
        }

        await batch.Execute(cancellationToken);

        // Lines kept for the queue, not a Select of their fields from the dossiers: Marten's Select builds a row with one
        // `data ->> 'field'` per field of the big document (0.86 ms of PostgreSQL per page against 0.28 ms; ADR 24).
        var items = (await page).Select(line =>
        {
            var timeliness = deadlines.Of(line.Status, line.DueDate);
            return new QueueItemResponse(line.Id, line.Code, line.ProcedureCode, line.ProcedureName, line.Field, line.AgencyId, line.AgencyName,
                line.ApplicantName, line.ApplicantPhoneNumber, line.Status.Name(), line.Status.Text(),
                line.SubmittedAt.ToVietnamTime(), DossierStatusTexts.DueAt(line.DueDate),
                DossierSummaryResponse.TimelinessName(timeliness), timeliness == Timeliness.Overdue, line.AssignedOfficerId, line.AssignedOfficerName,
                DossierWorkflow.AllowedActions(line.Status, line.DueDate, DossierReader.Staff, deadlines), line.Revision);
        }).ToList();
        return new PagedResult<QueueItemResponse>(items, request.Page.Page, request.Page.PageSize, await total);
    }

    private static async Task<IEnumerable<DossierQueueLine>> ToEnumerable(Task<IReadOnlyList<DossierQueueLine>> lines) => await lines;

    private static async Task<int> AsInt(Task<long> count) => (int)await count;

    // The status sets are written into the statement as constants ("d.status in ('New', ...)", Marten's MatchesSql; d is
    // the name Marten gives the document's table in every statement it writes), not as an array parameter (what Marten
    // makes of Contains, "status = ANY($1)"). Both read the open-queue partial index, whose predicate PostgreSQL proves
    // from the constants and from a parameter's value alike; but the statements are prepared on the pooled connections
    // (Database:MaxAutoPrepare), and only with constants can PostgreSQL prove it without the values, so only then may it
    // keep one generic plan instead of planning every call again. The counts now keep one (their planning took 0.12 ms a
    // call before); the pages, whose OFFSET and LIMIT are parameters, are still planned at each call (ADR 24, thirteenth
    // session). A generic plan of the array form, had PostgreSQL chosen one, scanned every line of the agency (886 ms).
    // OR chains of equalities (ADR 23) made it choose a bitmap OR over the (agency, status, due date) index, fetch every
    // match and sort them: 3.5 ms a call.
    // The sets are the statuses' own definitions (open, running, paused), as the dossier and the deadlines use them.
    internal static readonly string OpenStatusesSql = StatusIn(Enum.GetValues<DossierStatus>().Where(status => status.IsOpen()));

    private static readonly string RunningStatusesSql = StatusIn(DossierStatusTexts.Running);

    private static readonly string PausedStatusesSql = StatusIn(Enum.GetValues<DossierStatus>().Where(status => status.IsPaused()));

    /// <summary>The SQL of "the line's status is one of these" with the names as constants (enum names: nothing to escape).</summary>
    private static string StatusIn(IEnumerable<DossierStatus> statuses) =>
        $"d.status in ({string.Join(", ", statuses.Select(status => $"'{status}'"))})";

    /// <summary>The request's filters, each a predicate on the duplicated columns, applied alike to the count and the page.</summary>
    private static List<Expression<Func<DossierQueueLine, bool>>> Filters(StaffQueueQuery request, DateOnly today, DateOnly dueSoonLimit)
    {
        var filters = new List<Expression<Func<DossierQueueLine, bool>>>();
        if (request.AgencyId is { } agencyId)
        {
            filters.Add(line => line.AgencyId == agencyId);
        }

        // A timeliness narrows the open statuses itself: the open filter beside it would be redundant, and its estimate turns
        // PostgreSQL away from the open-queue index.
        if (request.Status is { } status)
        {
            filters.Add(line => line.Status == status);
        }
        else if (request.Timeliness is not ("overdue" or "dueSoon" or "onTime" or "paused"))
        {
            filters.Add(line => line.MatchesSql(OpenStatusesSql));
        }

        if (!string.IsNullOrWhiteSpace(request.ProcedureCode))
        {
            var procedureCode = request.ProcedureCode.Trim();
            filters.Add(line => line.ProcedureCode == procedureCode);
        }

        if (SearchTerm(request.Search) is { } term)
        {
            filters.Add(line => line.SearchText!.Contains(term));
        }

        if (request.From is { } from)
        {
            var since = VietnamStart(from);
            filters.Add(line => line.SubmittedAt >= since);
        }

        if (request.To is { } to)
        {
            var until = VietnamStart(to.AddDays(1));
            filters.Add(line => line.SubmittedAt < until);
        }

        if (request.AssignedStaffId is { } staffId)
        {
            filters.Add(line => line.AssignedOfficerId == staffId);
        }

        Expression<Func<DossierQueueLine, bool>>? timeliness = request.Timeliness switch
        {
            "overdue" => line => line.MatchesSql(RunningStatusesSql) && line.DueDate < today,
            "dueSoon" => line => line.MatchesSql(RunningStatusesSql) && line.DueDate >= today && line.DueDate <= dueSoonLimit,
            "onTime" => line => line.MatchesSql(RunningStatusesSql) && line.DueDate > dueSoonLimit,
            "paused" => line => line.MatchesSql(PausedStatusesSql),
            _ => null,
        };
        if (timeliness is not null)
        {
            filters.Add(timeliness);
        }

        return filters;
    }

    /// <summary>The folded search term; a phone typed with spaces or dots ("0912 345 678") searches its digits.</summary>
    internal static string? SearchTerm(string? q)
    {
        var folded = VietnameseText.Fold(q);
        if (folded.Length == 0)
        {
            return null;
        }

        var compact = folded.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return compact.Length >= 6 && compact.All(char.IsDigit) ? compact : folded;
    }

    private static DateTimeOffset VietnamStart(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
