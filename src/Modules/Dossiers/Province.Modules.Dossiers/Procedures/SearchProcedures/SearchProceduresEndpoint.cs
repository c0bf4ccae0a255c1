using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Dossiers.Procedures.SearchProcedures;

internal static class SearchProceduresEndpoint
{
    public static void MapSearchProcedures(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/procedures", async Task<Ok<PagedResult<ProcedureSummaryResponse>>> (
                string? q, string? field, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new SearchProceduresQuery(q, field, PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("SearchProcedures")
            .WithSummary("Tìm thủ tục hành chính theo tên, mã hoặc lĩnh vực; gõ không dấu cũng tìm được (ví dụ \"dang ky khai sinh\").")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

internal sealed record SearchProceduresQuery(string? Query, string? Field, PageRequest Page) : IRequest<PagedResult<ProcedureSummaryResponse>>;

internal sealed class SearchProceduresHandler(ProcedureSearchIndex index)
    : IRequestHandler<SearchProceduresQuery, PagedResult<ProcedureSummaryResponse>>
{
    public async Task<PagedResult<ProcedureSummaryResponse>> Handle(SearchProceduresQuery request, CancellationToken cancellationToken)
    {
        var query = request.Query is { Length: > 200 } tooLong ? tooLong[..200] : request.Query;
        var found = await index.SearchAsync(query, request.Field, request.Page.Skip, request.Page.PageSize, cancellationToken);
        return new PagedResult<ProcedureSummaryResponse>(found.Items, request.Page.Page, request.Page.PageSize, found.Total);
    }
}
