using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Procedures.ListFields;

internal static class ListFieldsEndpoint
{
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    public static void MapListFields(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/fields", async Task<Ok<PagedResult<FieldResponse>>> (int? page, int? pageSize, IDossiersStore store, CancellationToken cancellationToken) =>
            {
                // Counted here: a catalog is one or two thousand short strings, and Marten's LINQ has no GROUP BY.
                await using var session = store.QuerySession();
                var names = await session.Query<Procedure>().Select(p => p.Field).ToListAsync(cancellationToken);
                var fields = names.GroupBy(n => n, StringComparer.Ordinal).Select(g => new { Name = g.Key, Count = g.Count() });
                // Sorted here, in Vietnamese order, not by the database's collation.
                var all = fields.OrderBy(f => f.Name, Vietnamese).Select(f => new FieldResponse(f.Name, f.Count)).ToList();
                var paging = PageRequest.From(page, pageSize);
                return TypedResults.Ok(new PagedResult<FieldResponse>([.. all.Skip(paging.Skip).Take(paging.PageSize)], paging.Page, paging.PageSize, all.Count));
            })
            .WithName("ListProcedureFields")
            .WithSummary("Các lĩnh vực thủ tục và số thủ tục mỗi lĩnh vực.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

internal sealed record FieldResponse(string Name, int ProcedureCount);
