using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.ListOffices;

internal static class ListOfficesEndpoint
{
    public static void MapListOffices(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/offices", async Task<Ok<List<OfficeResponse>>> (Guid? agencyId, AppointmentsDbContext db, CancellationToken cancellationToken) =>
            {
                var offices = await db.Offices.AsNoTracking().AsSplitQuery().Include(o => o.ServiceGroups).Include(o => o.Counters)
                    .Where(o => agencyId == null || o.AgencyId == agencyId)
                    .OrderBy(o => o.Name)
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(offices.Select(OfficeResponse.From).ToList());
            })
            .WithName("ListOneStopOffices")
            .WithSummary("Các bộ phận một cửa: giờ làm việc, nhóm dịch vụ, quầy.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");
}
