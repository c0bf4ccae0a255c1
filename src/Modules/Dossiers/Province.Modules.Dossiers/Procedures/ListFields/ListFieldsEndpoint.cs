using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Procedures.ListFields;

internal static class ListFieldsEndpoint
{
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    public static void MapListFields(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/fields", async Task<Ok<List<FieldResponse>>> (DossiersDbContext db, CancellationToken cancellationToken) =>
            {
                var fields = await db.Procedures.AsNoTracking()
                    .GroupBy(p => p.Field)
                    .Select(g => new { Name = g.Key, Count = g.Count() })
                    .ToListAsync(cancellationToken);
                // Sorted here, in Vietnamese order, not by the database's collation.
                return TypedResults.Ok(fields.OrderBy(f => f.Name, Vietnamese).Select(f => new FieldResponse(f.Name, f.Count)).ToList());
            })
            .WithName("ListProcedureFields")
            .WithSummary("Các lĩnh vực thủ tục và số thủ tục mỗi lĩnh vực.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");
}

internal sealed record FieldResponse(string Name, int ProcedureCount);
