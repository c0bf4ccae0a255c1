using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.ListStaff;

internal static class ListStaffEndpoints
{
    /// <summary>Administrators: every account, searched and filtered. Officers: their own agency's colleagues.</summary>
    public static void MapListStaff(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/staff", async Task<Results<Ok<PagedResult<StaffMemberResponse>>, ProblemHttpResult>> (
                string? q, Guid? agencyId, string? role, bool? active, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (role is not (null or "officer" or "administrator"))
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "validation.bad_parameter", "Tham số không hợp lệ",
                        "Tham số role phải là officer hoặc administrator.");
                }

                return TypedResults.Ok(await mediator.Send(new ListStaffQuery(q, agencyId, role, active, PageRequest.From(page, pageSize)), cancellationToken));
            })
            .WithName("ListStaff")
            .WithSummary("Quản trị viên: danh sách tài khoản cán bộ, tìm theo tên hoặc tên đăng nhập (không dấu), lọc theo cơ quan, vai trò, trạng thái.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapGet("/staff/{id:guid}", async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> (
                Guid id, IIdentityStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<StaffMember>(id, cancellationToken) is { } member
                    ? TypedResults.Ok(await StaffMemberResponse.FromAsync(session, member, cancellationToken))
                    : Problems.NotFound("identity.unknown_staff_member", "Không tìm thấy tài khoản cán bộ.");
            })
            .WithName("GetStaffMember")
            .WithSummary("Quản trị viên: một tài khoản cán bộ.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapGet("/agencies/{agencyId:guid}/staff", async Task<Ok<PagedResult<StaffMemberResponse>>> (
                Guid agencyId, string? q, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListStaffQuery(q, agencyId, null, null, PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("ListAgencyStaff")
            .WithSummary("Danh sách cán bộ của một cơ quan: chỉ cán bộ của chính cơ quan đó hoặc quản trị viên được xem.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.AgencyMember);
    }
}

internal sealed record ListStaffQuery(string? Search, Guid? AgencyId, string? Role, bool? Active, PageRequest Page) : IRequest<PagedResult<StaffMemberResponse>>;

internal sealed class ListStaffHandler(IIdentityStore store) : IRequestHandler<ListStaffQuery, PagedResult<StaffMemberResponse>>
{
    public async Task<PagedResult<StaffMemberResponse>> Handle(ListStaffQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        IQueryable<StaffMember> query = session.Query<StaffMember>();
        if (request.AgencyId is { } agencyId)
        {
            query = query.Where(s => s.AgencyId == agencyId);
        }

        if (request.Role is { } role)
        {
            var wanted = role == "administrator" ? StaffRole.Administrator : StaffRole.Officer;
            query = query.Where(s => s.Role == wanted);
        }

        if (request.Active is { } active)
        {
            query = query.Where(s => s.IsActive == active);
        }

        // A province has a few thousand accounts at most: the search without diacritics runs over the filtered rows in memory.
        var rows = await query.OrderBy(s => s.FullName).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var needle = VietnameseText.Fold(request.Search);
            var userName = request.Search.Trim().ToLowerInvariant();
            rows = [.. rows.Where(s => VietnameseText.Fold(s.FullName).Contains(needle, StringComparison.Ordinal)
                || s.UserName.Contains(userName, StringComparison.Ordinal))];
        }

        var pageRows = rows.Skip(request.Page.Skip).Take(request.Page.PageSize).ToList();
        return new PagedResult<StaffMemberResponse>(await StaffMemberResponse.FromAsync(session, pageRows, cancellationToken),
            request.Page.Page, request.Page.PageSize, rows.Count);
    }
}
