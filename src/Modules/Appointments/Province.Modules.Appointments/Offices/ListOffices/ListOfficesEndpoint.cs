using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.ListOffices;

internal static class ListOfficesEndpoint
{
    public static void MapListOffices(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/offices", async Task<Ok<List<OfficeResponse>>> (Guid? agencyId, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var query = session.Query<Office>().AsQueryable();
                if (agencyId is { } agency)
                {
                    query = query.Where(o => o.AgencyId == agency);
                }

                var offices = await query.OrderBy(o => o.Name).ToListAsync(cancellationToken);
                return TypedResults.Ok(offices.Select(OfficeResponse.From).ToList());
            })
            .WithName("ListOneStopOffices")
            .WithSummary("Các bộ phận một cửa: giờ làm việc, nhóm dịch vụ, quầy.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}
