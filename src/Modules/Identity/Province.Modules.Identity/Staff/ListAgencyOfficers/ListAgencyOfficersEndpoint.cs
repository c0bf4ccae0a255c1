using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.ListAgencyOfficers;

internal static class ListAgencyOfficersEndpoint
{
    public static void MapListAgencyOfficers(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/agencies/{agencyId:guid}/officers", async Task<Ok<PagedResult<StaffMemberResponse>>> (
                Guid agencyId, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListAgencyOfficersQuery(agencyId, PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("ListAgencyOfficers")
            .WithSummary("Danh sách cán bộ của một cơ quan: chỉ cán bộ của chính cơ quan đó hoặc quản trị viên được xem.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.AgencyMember);
}

internal sealed record ListAgencyOfficersQuery(Guid AgencyId, PageRequest Page) : IRequest<PagedResult<StaffMemberResponse>>;

internal sealed class ListAgencyOfficersHandler(IIdentityStore store) : IRequestHandler<ListAgencyOfficersQuery, PagedResult<StaffMemberResponse>>
{
    public async Task<PagedResult<StaffMemberResponse>> Handle(ListAgencyOfficersQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var total = await session.Query<StaffMember>().CountAsync(s => s.AgencyId == request.AgencyId, cancellationToken);
        var items = await session.Query<StaffMember>().Where(s => s.AgencyId == request.AgencyId)
            .OrderBy(s => s.FullName).ThenBy(s => s.Id)
            .Skip(request.Page.Skip).Take(request.Page.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<StaffMemberResponse>([.. items.Select(StaffMemberResponse.From)], request.Page.Page, request.Page.PageSize, total);
    }
}
