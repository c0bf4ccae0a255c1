using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Tracking;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

internal static class OfficerQueueEndpoint
{
    public static void MapOfficerQueue(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/agencies/{agencyId:guid}/queue", async Task<Results<Ok<PagedResult<QueueItemResponse>>, ValidationProblem>> (
                Guid agencyId, int? status, string? field, string? timeliness, bool? assignedToMe, int? page, int? pageSize,
                System.Security.Claims.ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (status is not null and not (>= 1 and <= 10))
                {
                    return Problems.Validation(new Dictionary<string, string[]> { ["status"] = ["Trạng thái là số từ 1 đến 10 (mã TrangThaiHoSo)."] });
                }

                if (timeliness is not (null or "dueSoon" or "overdue" or "onTime" or "paused"))
                {
                    return Problems.Validation(new Dictionary<string, string[]> { ["timeliness"] = ["Giá trị hợp lệ: onTime, dueSoon, overdue, paused."] });
                }

                var officerId = assignedToMe == true ? user.GetStaffId() : (Guid?)null;
                return TypedResults.Ok(await mediator.Send(
                    new OfficerQueueQuery(agencyId, (DossierStatus?)status, field, timeliness, officerId, PageRequest.From(page, pageSize)), cancellationToken));
            })
            .WithName("GetAgencyDossierQueue")
            .WithSummary("Hàng đợi hồ sơ của cơ quan (mặc định: hồ sơ đang mở): lọc theo trạng thái, lĩnh vực, sắp đến hạn/quá hạn, hồ sơ được giao cho tôi; hạn sớm nhất trước.")
            .RequireAuthorization(ProvincePolicies.AgencyMember);
}

internal sealed record OfficerQueueQuery(Guid AgencyId, DossierStatus? Status, string? Field, string? Timeliness, Guid? AssignedOfficerId, PageRequest Page)
    : IRequest<PagedResult<QueueItemResponse>>;

internal sealed record QueueItemResponse(
    Guid Id,
    string Code,
    string ProcedureName,
    string Field,
    string ApplicantName,
    int Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateOnly DueDate,
    string Timeliness,
    bool ApologyRequired,
    string? AssignedOfficerName,
    int Version);

/// <summary>
/// Open work first by due date. Timeliness is turned into date bounds computed once (today, the
/// due-soon limit), so the filter is a range on the duplicated (agency, status, due date) columns; the
/// open statuses are the predicate of the open-queue partial index (<see cref="IDossiersStore.OpenQueuePredicate"/>).
/// </summary>
internal sealed class OfficerQueueHandler(IDossiersStore store, DeadlinePolicy deadlines) : IRequestHandler<OfficerQueueQuery, PagedResult<QueueItemResponse>>
{
    public async Task<PagedResult<QueueItemResponse>> Handle(OfficerQueueQuery request, CancellationToken cancellationToken)
    {
        var today = deadlines.Today;
        var dueSoonLimit = deadlines.DueSoonLimit;
        await using var session = store.QuerySession();
        var query = session.Query<Dossier>().Where(d => d.AgencyId == request.AgencyId);
        query = request.Status is { } status
            ? query.Where(d => d.Status == status)
            : query.Where(d => d.Status == DossierStatus.New || d.Status == DossierStatus.Accepted || d.Status == DossierStatus.Processing
                || d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.FeeRequested);

        if (!string.IsNullOrWhiteSpace(request.Field))
        {
            var field = request.Field;
            query = query.Where(d => d.Field == field);
        }

        if (request.AssignedOfficerId is { } officerId)
        {
            query = query.Where(d => d.AssignedOfficerId == officerId);
        }

        query = request.Timeliness switch
        {
            "overdue" => query.Where(d => (d.Status == DossierStatus.New || d.Status == DossierStatus.Accepted || d.Status == DossierStatus.Processing) && d.DueDate < today),
            "dueSoon" => query.Where(d => (d.Status == DossierStatus.New || d.Status == DossierStatus.Accepted || d.Status == DossierStatus.Processing)
                && d.DueDate >= today && d.DueDate <= dueSoonLimit),
            "onTime" => query.Where(d => (d.Status == DossierStatus.New || d.Status == DossierStatus.Accepted || d.Status == DossierStatus.Processing) && d.DueDate > dueSoonLimit),
            "paused" => query.Where(d => d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.FeeRequested),
            _ => query,
        };

        var rows = await query.Stats(out var stats)
            .OrderBy(d => d.DueDate).ThenBy(d => d.SubmittedAt)
            .Skip(request.Page.Skip).Take(request.Page.PageSize)
            .ToListAsync(cancellationToken);
        var items = rows.Select(d =>
        {
            var timeliness = deadlines.Of(d.Status, d.DueDate);
            return new QueueItemResponse(d.Id, d.Code, d.ProcedureName, d.Field, d.Applicant.FullName, (int)d.Status, d.Status.Text(),
                BuildingBlocks.Time.VietnamTime.ToVietnamTime(d.SubmittedAt), d.DueDate,
                DossierSummaryResponse.TimelinessName(timeliness), timeliness == Timeliness.Overdue, d.AssignedOfficerName, d.Revision);
        }).ToList();
        return new PagedResult<QueueItemResponse>(items, request.Page.Page, request.Page.PageSize, (int)stats.TotalResults);
    }
}
