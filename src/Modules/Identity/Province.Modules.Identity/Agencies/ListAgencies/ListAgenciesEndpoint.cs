using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.ListAgencies;

internal static class ListAgenciesEndpoint
{
    public static void MapListAgencies(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/agencies", async Task<Ok<PagedResult<AgencyInfo>>> (int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListAgenciesQuery(PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("ListAgencies")
            .WithSummary("Danh bạ cơ quan, đơn vị của tỉnh (công khai).")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

internal sealed record ListAgenciesQuery(PageRequest Page) : IRequest<PagedResult<AgencyInfo>>;

internal sealed class ListAgenciesHandler(IIdentityStore store) : IRequestHandler<ListAgenciesQuery, PagedResult<AgencyInfo>>
{
    public async Task<PagedResult<AgencyInfo>> Handle(ListAgenciesQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var total = await session.Query<Agency>().CountAsync(cancellationToken);
        var items = await session.Query<Agency>().OrderBy(a => a.Code)
            .Skip(request.Page.Skip).Take(request.Page.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<AgencyInfo>([.. items.Select(a => a.ToInfo())], request.Page.Page, request.Page.PageSize, total);
    }
}
